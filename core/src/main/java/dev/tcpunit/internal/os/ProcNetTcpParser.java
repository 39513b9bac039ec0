package dev.tcpunit.internal.os;

import dev.tcpunit.os.TcpSocket;
import dev.tcpunit.os.TcpState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Linux's {@code /proc/net/tcp} and {@code /proc/net/tcp6}.
 *
 * <p>Each line after the header is one socket:
 *
 * <pre>
 *   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
 *    0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 52341 ...
 * </pre>
 *
 * An address is the kernel's network-order bytes printed as 32-bit words in the host's byte order
 * (so {@code 0100007F} is 127.0.0.1 on a little-endian machine), one word for IPv4 and four for
 * IPv6; the port is hexadecimal. IPv4-mapped IPv6 addresses become IPv4 addresses. The inode is 0
 * when no process holds the socket (TIME_WAIT, or a socket closed before its FIN was acknowledged).
 */
public final class ProcNetTcpParser {

  private static final Pattern LINE =
      Pattern.compile(
          "\\s*\\d+:\\s+(\\p{XDigit}{8}|\\p{XDigit}{32}):(\\p{XDigit}{4})"
              + "\\s+(\\p{XDigit}{8}|\\p{XDigit}{32}):(\\p{XDigit}{4})"
              + "\\s+(\\p{XDigit}{2})\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\d+\\s+\\d+\\s+(\\d+)(\\s.*)?");
  private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1};

  private final ByteOrder wordOrder;

  /**
   * A parser for the files of a machine with the given byte order.
   *
   * @param wordOrder the byte order of the machine that wrote the file, {@link
   *     ByteOrder#nativeOrder()} for this one
   */
  public ProcNetTcpParser(ByteOrder wordOrder) {
    this.wordOrder = wordOrder;
  }

  /**
   * Parses the content of one file; the header line and blank lines are ignored, other lines that
   * do not parse are counted as skipped. A socket listed twice (the kernel can repeat a line when
   * connections open or close while the file is read in pieces) is kept once, as first listed.
   *
   * @param content the whole file
   * @return the sockets, without owners, and the number of skipped lines
   */
  public Parsed parse(String content) {
    List<TcpSocket> sockets = new ArrayList<>();
    Set<List<Object>> seen = new HashSet<>();
    int skipped = 0;
    for (String line : content.split("\\R")) {
      if (line.isBlank() || line.trim().startsWith("sl ")) {
        continue;
      }
      Optional<TcpSocket> socket = parseLine(line);
      if (socket.isPresent()) {
        TcpSocket found = socket.get();
        if (seen.add(List.of(found.local(), found.remote(), found.inode()))) {
          sockets.add(found);
        }
      } else {
        skipped++;
      }
    }
    return new Parsed(sockets, skipped);
  }

  private Optional<TcpSocket> parseLine(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    Optional<TcpState> state = TcpState.fromLinuxCode(Integer.parseInt(m.group(5), 16));
    if (state.isEmpty()) {
      return Optional.empty();
    }
    long inode;
    try {
      inode = Long.parseLong(m.group(6));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    InetSocketAddress local = address(m.group(1), m.group(2));
    InetSocketAddress remote = address(m.group(3), m.group(4));
    return Optional.of(
        new TcpSocket(
            local, remote, state.get(), OptionalLong.empty(), false, OptionalLong.of(inode)));
  }

  private InetSocketAddress address(String hex, String port) {
    ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2).order(wordOrder);
    for (int i = 0; i < hex.length(); i += 8) {
      bytes.putInt(Integer.parseUnsignedInt(hex.substring(i, i + 8), 16));
    }
    return new InetSocketAddress(inetAddress(bytes.array()), Integer.parseInt(port, 16));
  }

  static InetAddress inetAddress(byte[] raw) {
    byte[] bytes = raw;
    if (raw.length == 16 && Arrays.equals(raw, 0, 12, MAPPED_PREFIX, 0, 12)) {
      bytes = Arrays.copyOfRange(raw, 12, 16);
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("address of " + bytes.length + " bytes", e);
    }
  }
}
