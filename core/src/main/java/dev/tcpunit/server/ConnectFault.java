package dev.tcpunit.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * What happens to a client's connection attempt before any byte flows: a {@link ScriptedServer}
 * built with {@link ScriptedServer.Builder#connectFault(ConnectFault)} starts in this state and
 * keeps it until {@link ScriptedServer#resumeListening()}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ConnectFault {

  /**
   * Attempts are refused ({@link java.net.ConnectException} "Connection refused"): nothing listens,
   * and the port stays reserved as a {@link RefusedPort} does.
   */
  REFUSE,

  /**
   * Attempts time out ({@link java.net.SocketTimeoutException} "Connect timed out"): the kernel
   * drops the SYNs, as a {@link BlackholeListener} does.
   */
  TIMEOUT
}
