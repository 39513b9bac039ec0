package dev.tcpunit.internal.os;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Parses numeric IP addresses without ever asking a name service. */
final class IpLiterals {

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
}
