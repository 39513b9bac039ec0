package dev.tcpunit.junit.internal;

import dev.tcpunit.toxiproxy.EmbeddedToxiproxy;
import org.jspecify.annotations.Nullable;

/**
 * The {@link EmbeddedToxiproxy} of one scope, in the extension store: stored before it starts, so
 * that JUnit closes it with its scope whatever happens. Starts once, on first use; {@link #close()}
 * is idempotent.
 */
final class ToxiproxyHandle implements AutoCloseable {

  private @Nullable EmbeddedToxiproxy server;
  private @Nullable Object client;
  private boolean closed;

  /**
   * The running server, started on the first call.
   *
   * @throws IllegalStateException if the scope has ended
   */
  synchronized EmbeddedToxiproxy server() {
    if (closed) {
      throw new IllegalStateException(
          "@ToxiproxyServer: the scope of this embedded Toxiproxy server has already ended");
    }
    if (server == null) {
      server = EmbeddedToxiproxy.start();
    }
    return server;
  }

  /** toxiproxy-java's client of the server, created on the first call. */
  synchronized Object client() {
    if (client == null) {
      client = ToxiproxyClients.of(server());
    }
    return client;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (server != null) {
      server.close();
    }
  }
}
