package dev.tcpunit.os;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The eleven states of a TCP connection (RFC 9293, section 3.3.2), with the names and codes the
 * platforms use for them.
 *
 * <p>Linux numbers the states in {@code /proc/net/tcp} (its {@code st} column, in hexadecimal) from
 * {@code 01} (ESTABLISHED) to {@code 0B} (CLOSING); its {@code 0C} ({@code NEW_SYN_RECV}, a
 * connection request not yet accepted) is reported as {@link #SYN_RECEIVED}. {@code netstat} names
 * the states slightly differently on each platform ({@code SYN_RCVD} on macOS, {@code LISTENING} on
 * Windows, {@code FIN_WAIT1} on Linux); {@link #fromNetstatName(String)} knows them all.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum TcpState {
  /** Data flows both ways: the handshake completed and neither side has closed. */
  ESTABLISHED(0x01, "ESTABLISHED"),
  /** The client sent its SYN and waits for the SYN-ACK. */
  SYN_SENT(0x02, "SYN_SENT"),
  /** The server received a SYN, answered SYN-ACK, and waits for the final ACK. */
  SYN_RECEIVED(0x03, "SYN_RECEIVED", "SYN_RCVD", "SYN_RECV"),
  /** This side closed (sent FIN) and waits for it to be acknowledged. */
  FIN_WAIT_1(0x04, "FIN_WAIT_1", "FIN_WAIT1"),
  /** This side's FIN was acknowledged; it waits for the peer's FIN. */
  FIN_WAIT_2(0x05, "FIN_WAIT_2", "FIN_WAIT2"),
  /** Both sides closed, this one first: the kernel keeps the socket for twice the segment life. */
  TIME_WAIT(0x06, "TIME_WAIT"),
  /** No connection; also how a socket shows briefly while being torn down. */
  CLOSED(0x07, "CLOSED", "CLOSE", "DELETE_TCB"),
  /** The peer closed (its FIN arrived) but this side has not closed yet: the classic leak. */
  CLOSE_WAIT(0x08, "CLOSE_WAIT"),
  /** The peer closed first, then this side closed; it waits for its FIN to be acknowledged. */
  LAST_ACK(0x09, "LAST_ACK"),
  /** A server socket waiting for connections. */
  LISTEN(0x0A, "LISTEN", "LISTENING"),
  /** Both sides closed at the same time; each waits for the other's acknowledgement. */
  CLOSING(0x0B, "CLOSING");

  private static final int LINUX_NEW_SYN_RECV = 0x0C;
  private static final Map<String, TcpState> BY_NAME = new HashMap<>();

  static {
    for (TcpState state : values()) {
      for (String name : state.netstatNames) {
        BY_NAME.put(name, state);
      }
    }
  }

  private final int linuxCode;
  private final List<String> netstatNames;

  TcpState(int linuxCode, String... netstatNames) {
    this.linuxCode = linuxCode;
    this.netstatNames = List.of(netstatNames);
  }

  /**
   * The number Linux shows for this state in the {@code st} column of {@code /proc/net/tcp}.
   *
   * @return the code, from {@code 0x01} to {@code 0x0B}
   */
  public int linuxCode() {
    return linuxCode;
  }

  /**
   * The names {@code netstat} shows for this state on Linux, macOS, the BSDs and Windows.
   *
   * @return the names, the RFC's (as this constant's name) first
   */
  public List<String> netstatNames() {
    return netstatNames;
  }

  /**
   * The state with a Linux code, as in the {@code st} column of {@code /proc/net/tcp}.
   *
   * @param code the code, {@code 0x0C} ({@code NEW_SYN_RECV}) meaning {@link #SYN_RECEIVED}
   * @return the state, or empty if the code is unknown
   */
  public static Optional<TcpState> fromLinuxCode(int code) {
    if (code == LINUX_NEW_SYN_RECV) {
      return Optional.of(SYN_RECEIVED);
    }
    for (TcpState state : values()) {
      if (state.linuxCode == code) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }

  /**
   * The state with a name {@code netstat} shows on some platform, ignoring case.
   *
   * @param name for example {@code ESTABLISHED}, {@code SYN_RCVD} or {@code LISTENING}
   * @return the state, or empty if the name is unknown
   */
  public static Optional<TcpState> fromNetstatName(String name) {
    return Optional.ofNullable(BY_NAME.get(name.toUpperCase(Locale.ROOT)));
  }
}
