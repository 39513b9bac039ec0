package dev.tcpunit.toxiproxy;

import dev.tcpunit.proxy.Toxic;
import dev.tcpunit.proxy.ToxicHandle;
import java.util.Objects;

/** A toxic on a Toxiproxy server; whether it is in place is asked of the server. */
final class RemoteToxicHandle implements ToxicHandle {

  private volatile Toxic toxic;
  private final ToxiproxyProxy proxy;

  RemoteToxicHandle(Toxic toxic, ToxiproxyProxy proxy) {
    this.toxic = toxic;
    this.proxy = proxy;
  }

  @Override
  public Toxic toxic() {
    return toxic;
  }

  @Override
  public synchronized void update(Toxic update) {
    Toxic named = Objects.requireNonNull(update, "toxic").named(toxic.name());
    if (!proxy.hasToxic(toxic.name())) {
      throw new IllegalStateException("toxic " + toxic.name() + " was removed already");
    }
    proxy.update(named);
    toxic = named;
  }

  @Override
  public boolean isActive() {
    return proxy.hasToxic(toxic.name());
  }

  @Override
  public void remove() {
    try {
      proxy.remove(toxic.name());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("toxic " + toxic.name() + " was removed already", e);
    }
  }

  @Override
  public void close() {
    try {
      proxy.remove(toxic.name());
    } catch (IllegalArgumentException e) {
      // removed already
    }
  }
}
