package dev.tcpunit.internal.proxy;

import dev.tcpunit.proxy.Toxic;
import dev.tcpunit.proxy.ToxicHandle;
import java.util.Objects;

/** A toxic in place in a proxy; the handle that removes it. */
public final class ToxicEntry implements ToxicHandle {

  private final ProxyCore core;
  private volatile Toxic toxic;
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
  public void update(Toxic update) {
    core.update(this, Objects.requireNonNull(update, "toxic").named(toxic.name()));
  }

  void updated(Toxic update) {
    toxic = update;
  }

  @Override
  public boolean isActive() {
    return active;
  }

  @Override
  public void remove() {
    if (!core.remove(this)) {
      throw removedAlready();
    }
  }

  IllegalStateException removedAlready() {
    return new IllegalStateException(
        "Toxic " + toxic.name() + " was already removed from proxy " + core.name());
  }

  @Override
  public void close() {
    core.remove(this);
  }

  void removed() {
    active = false;
  }
}
