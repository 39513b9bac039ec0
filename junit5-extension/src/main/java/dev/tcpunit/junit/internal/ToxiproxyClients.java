package dev.tcpunit.junit.internal;

import dev.tcpunit.toxiproxy.EmbeddedToxiproxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;

/**
 * The one place that refers to toxiproxy-java, an optional dependency: loaded only when a {@code
 * ToxiproxyClient} is injected, so that {@code EmbeddedToxiproxy} alone works without it.
 */
final class ToxiproxyClients {

  /** The client type's name, compared without loading the class. */
  static final String CLIENT_TYPE = "eu.rekawek.toxiproxy.ToxiproxyClient";

  private ToxiproxyClients() {}

  static ToxiproxyClient of(EmbeddedToxiproxy server) {
    return new ToxiproxyClient(server.host(), server.port());
  }
}
