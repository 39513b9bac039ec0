package dev.tcpunit.internal.proxy;

import dev.tcpunit.proxy.Toxic;
import dev.tcpunit.proxy.ToxicHandle;

/** A toxic in place in a proxy; the handle that removes it. */
public final class ToxicEntry implements ToxicHandle {

  private final ProxyCore core;
  private final Toxic toxic;
  private volatile boolean active = true;

  ToxicEntry(ProxyCore core, Toxic toxic) {
    this.core = core;
    this.toxic = toxic;
  }

  @Override
  public Toxic toxic() {
    return toxic;
  }

  @Override
  public boolean isActive() {
    return active;
  }

  @Override
  public void remove() {
    if (!core.remove(this)) {
      throw new IllegalStateException(
          "Toxic " + toxic.name() + " was already removed from proxy " + core.name());
    }
  }

  @Override
  public void close() {
    core.remove(this);
  }

  void removed() {
    active = false;
  }
}
