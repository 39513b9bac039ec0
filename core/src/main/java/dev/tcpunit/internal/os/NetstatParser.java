package dev.tcpunit.internal.os;

import dev.tcpunit.os.TcpSocket;
import dev.tcpunit.os.TcpState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Parses the output of {@code netstat}, in the layouts of macOS and the BSDs ({@code netstat -an -p
 * tcp}) and of Windows ({@code netstat -ano}).
 *
 * <pre>
 * macOS:   tcp4       0      0  127.0.0.1.8080         127.0.0.1.52344        ESTABLISHED
 *          tcp46      0      0  *.8080                 *.*                    LISTEN
 * Windows:   TCP    127.0.0.1:6379         127.0.0.1:50123        ESTABLISHED     4321
 *            TCP    [::1]:5432             [::]:0                 LISTENING       3456
 * </pre>
 *
 * Blank lines, headers (lines starting with {@code Active} or {@code Proto}) and UDP lines are
 * ignored; any other line that does not parse is counted as skipped. Only numeric addresses are
 * understood (hence {@code -n}); an address netstat truncated to fit its column is skipped.
 */
public final class NetstatParser {

  /** The layouts of netstat's output. */
  public enum Dialect {
    /** macOS and the BSDs: {@code 127.0.0.1.8080}, {@code *.*}; no process column. */
    BSD,
    /** Windows: {@code 127.0.0.1:8080}, {@code [::1]:8080}; the owning PID in the last column. */
    WINDOWS
  }

  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f.:]+");

  private final Dialect dialect;
  private final long thisPid;

  /**
   * A parser for one layout.
   *
   * @param dialect the layout
   * @param thisPid the current process's id, to mark its sockets where the output has PIDs
   */
  public NetstatParser(Dialect dialect, long thisPid) {
    this.dialect = dialect;
    this.thisPid = thisPid;
  }

  /**
   * Parses the whole output.
   *
   * @param output what netstat printed
   * @return the TCP sockets and the number of skipped lines
   */
  public Parsed parse(String output) {
    List<TcpSocket> sockets = new ArrayList<>();
    int skipped = 0;
    for (String line : output.split("\\R")) {
      String[] tokens = SPACES.split(line.trim());
      String first = tokens[0].toLowerCase(Locale.ROOT);
      if (line.isBlank() || first.equals("active") || first.equals("proto") || isUdp(first)) {
        continue;
      }
      Optional<TcpSocket> socket =
          first.startsWith("tcp") ? parseTokens(tokens, first) : Optional.empty();
      if (socket.isPresent()) {
        sockets.add(socket.get());
      } else {
        skipped++;
      }
    }
    return new Parsed(sockets, skipped);
  }

  private static boolean isUdp(String protocol) {
    return protocol.startsWith("udp");
  }

  private Optional<TcpSocket> parseTokens(String[] tokens, String protocol) {
    return dialect == Dialect.WINDOWS ? parseWindows(tokens) : parseBsd(tokens, protocol);
  }

  private Optional<TcpSocket> parseWindows(String[] tokens) {
    if (tokens.length != 5) {
      return Optional.empty();
    }
    Optional<InetSocketAddress> local = colonAddress(tokens[1]);
    Optional<InetSocketAddress> remote = colonAddress(tokens[2]);
    Optional<TcpState> state = TcpState.fromNetstatName(tokens[3]);
    OptionalLong pid = number(tokens[4]);
    if (local.isEmpty() || remote.isEmpty() || state.isEmpty() || pid.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new TcpSocket(
            local.get(),
            remote.get(),
            state.get(),
            pid,
            pid.getAsLong() == thisPid,
            OptionalLong.empty()));
  }

  private Optional<TcpSocket> parseBsd(String[] tokens, String protocol) {
    if (tokens.length != 6 || number(tokens[1]).isEmpty() || number(tokens[2]).isEmpty()) {
      return Optional.empty();
    }
    boolean v4 = protocol.equals("tcp4");
    Optional<InetSocketAddress> local = dotAddress(tokens[3], v4);
    Optional<InetSocketAddress> remote = dotAddress(tokens[4], v4);
    Optional<TcpState> state = TcpState.fromNetstatName(tokens[5]);
    if (local.isEmpty() || remote.isEmpty() || state.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new TcpSocket(
            local.get(),
            remote.get(),
            state.get(),
            OptionalLong.empty(),
            false,
            OptionalLong.empty()));
  }

  /** {@code 127.0.0.1:80}, {@code [::1]:80}, {@code [fe80::1%12]:80}. */
  private static Optional<InetSocketAddress> colonAddress(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 1) {
      return Optional.empty();
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      return Optional.empty();
    }
    return socketAddress(host, text.substring(colon + 1));
  }

  /** {@code 127.0.0.1.80}, {@code ::1.80}, {@code fe80::1%lo0.80}, {@code *.80}, {@code *.*}. */
  private static Optional<InetSocketAddress> dotAddress(String text, boolean v4) {
    int dot = text.lastIndexOf('.');
    if (dot < 1) {
      return Optional.empty();
    }
    String host = text.substring(0, dot);
    String port = text.substring(dot + 1);
    if (host.equals("*")) {
      host = v4 ? "0.0.0.0" : "::";
    }
    return socketAddress(host, port.equals("*") ? "0" : port);
  }

  private static Optional<InetSocketAddress> socketAddress(String host, String portText) {
    int zone = host.indexOf('%');
    String literal = zone < 0 ? host : host.substring(0, zone);
    OptionalLong port = number(portText);
    if (!IP_LITERAL.matcher(literal).matches() || port.isEmpty() || port.getAsLong() > 65535) {
      return Optional.empty();
    }
    Optional<InetAddress> address = IpLiterals.parse(literal);
    return address.map(a -> new InetSocketAddress(a, (int) port.getAsLong()));
  }

  private static OptionalLong number(String text) {
    if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(text));
  }
}
