package dev.tcpunit.internal.server;

import dev.tcpunit.server.ConnectFault;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A server's options beyond its address and scripts.
 *
 * @param acceptDelay how long each connection waits before the server accepts it; zero for none
 * @param connectFault the connect-level fault the server starts with, or {@code null}
 */
public record ServerOptions(Duration acceptDelay, @Nullable ConnectFault connectFault) {

  /** No delay, no fault. */
  public static final ServerOptions DEFAULT = new ServerOptions(Duration.ZERO, null);

  /** Checks the options. */
  public ServerOptions {
    Objects.requireNonNull(acceptDelay, "acceptDelay");
  }
}
