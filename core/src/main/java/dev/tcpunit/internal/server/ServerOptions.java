package dev.tcpunit.internal.server;

import dev.tcpunit.internal.tls.TlsMaterial;
import dev.tcpunit.server.ConnectFault;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A server's options beyond its address and scripts.
 *
 * @param acceptDelay how long each connection waits before the server accepts it; zero for none
 * @param connectFault the connect-level fault the server starts with, or {@code null}
 * @param tls the key material of a TLS server, or {@code null} for plain TCP
 */
public record ServerOptions(
    Duration acceptDelay, @Nullable ConnectFault connectFault, @Nullable TlsMaterial tls) {

  /** No delay, no fault, no TLS. */
  public static final ServerOptions DEFAULT = new ServerOptions(Duration.ZERO, null, null);

  /** Checks the options. */
  public ServerOptions {
    Objects.requireNonNull(acceptDelay, "acceptDelay");
  }

  /**
   * Options without TLS.
   *
   * @param acceptDelay how long each connection waits before the server accepts it
   * @param connectFault the connect-level fault the server starts with, or {@code null}
   */
  public ServerOptions(Duration acceptDelay, @Nullable ConnectFault connectFault) {
    this(acceptDelay, connectFault, null);
  }

  /**
   * These options with TLS.
   *
   * @param material the key material
   * @return new options
   */
  public ServerOptions withTls(TlsMaterial material) {
    return new ServerOptions(acceptDelay, connectFault, material);
  }
}
