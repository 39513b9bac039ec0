package dev.tcpunit.internal.os;

import dev.tcpunit.os.TcpSocket;
import java.util.List;
import java.util.Locale;

/**
 * Renders sockets as a small table for messages.
 *
 * <pre>
 *   local                     remote                    state         owner
 *   127.0.0.1:41000           0.0.0.0:0                 LISTEN        pid 4242 (this process)
 *   127.0.0.1:50312           127.0.0.1:41000           TIME_WAIT     none (closed)
 * </pre>
 */
public final class SocketRows {

  private static final String ROW = "  %-24s  %-24s  %-12s  %s%n";

  private SocketRows() {}

  /**
   * Renders sockets, one line each, under a header line.
   *
   * @param sockets the sockets
   * @return the table, or {@code " (none)"} and a line separator when there are no sockets
   */
  public static String render(List<TcpSocket> sockets) {
    if (sockets.isEmpty()) {
      return "  (none)" + System.lineSeparator();
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, ROW, "local", "remote", "state", "owner"));
    for (TcpSocket s : sockets) {
      out.append(
          String.format(
              Locale.ROOT,
              ROW,
              IpLiterals.format(s.local()),
              IpLiterals.format(s.remote()),
              s.state(),
              owner(s)));
    }
    return out.toString();
  }

  private static String owner(TcpSocket s) {
    if (s.isOrphaned()) {
      return "none (closed)";
    }
    if (s.pid().isEmpty()) {
      return "unknown";
    }
    return "pid " + s.pid().getAsLong() + (s.ownedByThisProcess() ? " (this process)" : "");
  }
}
