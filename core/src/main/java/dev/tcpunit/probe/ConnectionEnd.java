package dev.tcpunit.probe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How a recorded connection ended, seen from the tcpunit side (the scripted server or the proxy).
 *
 * <p>The end is decided by whoever ended the connection first: a client that sends FIN after the
 * server already reset the connection does not change {@link #SERVER_RESET}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ConnectionEnd {
  /** The connection is still open. */
  OPEN,
  /** The client closed its side gracefully (FIN, read as end of stream). */
  CLIENT_FIN,
  /** The server (or the upstream behind a proxy) closed gracefully with FIN. */
  SERVER_FIN,
  /** The client aborted the connection with RST. */
  CLIENT_RESET,
  /** The server (or the upstream behind a proxy) aborted the connection with RST. */
  SERVER_RESET,
  /** A fault proxy's toxic (or its disabling) ended the connection. */
  PROXY_FAULT,
  /** A timeout ended the connection, for example a proxy's {@code timeout} toxic. */
  TIMEOUT;

  /**
   * Tells whether this end is an abort with RST by either side.
   *
   * @return {@code true} for {@link #CLIENT_RESET} and {@link #SERVER_RESET}
   */
  public boolean isReset() {
    return this == CLIENT_RESET || this == SERVER_RESET;
  }

  /**
   * Tells whether the connection has ended.
   *
   * @return {@code false} only for {@link #OPEN}
   */
  public boolean isEnded() {
    return this != OPEN;
  }

  /**
   * Tells whether the connection ended abnormally: reset by either side, killed by a proxy fault or
   * by a timeout. A graceful FIN by either side is normal.
   *
   * @return {@code true} for resets, {@link #PROXY_FAULT} and {@link #TIMEOUT}
   */
  public boolean isAbnormal() {
    return isReset() || this == PROXY_FAULT || this == TIMEOUT;
  }
}
