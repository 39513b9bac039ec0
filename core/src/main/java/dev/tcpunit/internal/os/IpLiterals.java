package dev.tcpunit.internal.os;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Parses and formats numeric IP addresses without ever asking a name service. */
public final class IpLiterals {

  private IpLiterals() {}

  /**
   * Parses a dotted-quad IPv4 address or an IPv6 literal without zone; an IPv4-mapped IPv6 address
   * becomes the IPv4 address.
   *
   * @param text for example {@code 127.0.0.1}, {@code ::1} or {@code ::ffff:10.0.0.1}
   * @return the address, or empty if the text is not a numeric address
   */
  static Optional<InetAddress> parse(String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (text.indexOf(':') >= 0) {
      if (!text.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)
          || text.charAt(0) == '.') {
        return Optional.empty();
      }
      try {
        // A hex digit or colon first and a colon inside: the JDK parses an IPv6 literal or fails,
        // it never asks a name service.
        return Optional.of(InetAddress.getByName(text));
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty()
          || part.length() > 3
          || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.empty();
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        return Optional.empty();
      }
      bytes[i] = (byte) value;
    }
    return Optional.of(ProcNetTcpParser.inetAddress(bytes));
  }

  /**
   * Formats a socket address as {@code host:port}, an IPv6 host in brackets and in its shortest
   * form (RFC 5952: {@code [::1]:8080}, not {@code [0:0:0:0:0:0:0:1]:8080}), without zone.
   *
   * @param address the address
   * @return for example {@code 127.0.0.1:8080} or {@code [2001:db8::5]:443}
   */
  public static String format(InetSocketAddress address) {
    InetAddress host = address.getAddress();
    if (host == null) {
      return address.getHostString() + ":" + address.getPort();
    }
    if (!(host instanceof Inet6Address)) {
      return host.getHostAddress() + ":" + address.getPort();
    }
    return "[" + compress(host.getAddress()) + "]:" + address.getPort();
  }

  /**
   * RFC 5952 section 4: hex groups without leading zeros, the longest run of 2+ zero groups as ::.
   */
  private static String compress(byte[] bytes) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }
}
