package dev.tcpunit.internal.toxiproxy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Listen and upstream addresses in Toxiproxy's {@code host:port} form (IPv6 hosts in brackets),
 * with Go's error messages, and tcpunit's rule that proxies listen on loopback addresses only
 * unless the server allows others.
 */
final class Addresses {

  private Addresses() {}

  /** A host and a port as written, split as Go's {@code net.SplitHostPort} does. */
  record HostPort(String host, String port) {}

  /**
   * Splits {@code host:port}.
   *
   * @param address the address
   * @return the parts, without the brackets of an IPv6 host
   * @throws IllegalArgumentException with Go's message, for example {@code address foo: missing
   *     port in address}
   */
  static HostPort split(String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("address " + address + ": missing port in address");
    }
    String host;
    if (address.startsWith("[")) {
      int end = address.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("address " + address + ": missing ']' in address");
      }
      if (end + 1 != colon) {
        throw new IllegalArgumentException(
            "address "
                + address
                + (end + 1 == address.length()
                    ? ": missing port in address"
                    : ": too many colons in address"));
      }
      host = address.substring(1, end);
    } else {
      host = address.substring(0, colon);
      if (host.indexOf(':') >= 0) {
        throw new IllegalArgumentException("address " + address + ": too many colons in address");
      }
    }
    if (host.indexOf('[') >= 0 || host.indexOf(']') >= 0) {
      throw new IllegalArgumentException("address " + address + ": unexpected '[' in address");
    }
    return new HostPort(host, address.substring(colon + 1));
  }

  /**
   * Resolves the address a proxy is to listen on.
   *
   * @param listen Toxiproxy's {@code listen} field; empty means any free loopback port (or every
   *     interface, as in Toxiproxy, when non-loopback addresses are allowed)
   * @param allowNonLoopback whether addresses other than loopback ones are allowed
   * @return the address to bind
   * @throws ApiException 500 with Go's message for an address Toxiproxy could not listen on either,
   *     403 for an address outside loopback that is not allowed
   */
  static InetSocketAddress listen(String listen, boolean allowNonLoopback) {
    if (listen.isEmpty()) {
      return allowNonLoopback
          ? new InetSocketAddress(0)
          : new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }
    HostPort parts;
    try {
      parts = split(listen);
    } catch (IllegalArgumentException e) {
      throw ApiException.internal("listen tcp: " + e.getMessage());
    }
    int port = port(parts.port(), "listen tcp: ");
    InetAddress host;
    if (parts.host().isEmpty()) {
      host = new InetSocketAddress(0).getAddress();
    } else {
      try {
        host = InetAddress.getByName(parts.host());
      } catch (UnknownHostException e) {
        throw ApiException.internal("listen tcp: lookup " + parts.host() + ": no such host");
      }
    }
    if (!allowNonLoopback && !host.isLoopbackAddress()) {
      throw new ApiException(
          403,
          "listen address not allowed: "
              + listen
              + " is not a loopback address (this server only lets proxies listen on 127.0.0.0/8"
              + " and ::1; to allow other addresses, start the standalone server with"
              + " -allow-non-loopback or build an EmbeddedToxiproxy with"
              + " EmbeddedToxiproxy.builder().allowNonLoopbackListen(true))");
    }
    return new InetSocketAddress(host, port);
  }

  /**
   * Parses the address of the service a proxy relays to; the host is resolved now if it can be, and
   * again at each connection otherwise.
   *
   * @param upstream Toxiproxy's {@code upstream} field
   * @return the address
   * @throws ApiException 400 when it is not {@code host:port}
   */
  static InetSocketAddress upstream(String upstream) {
    try {
      HostPort parts = split(upstream);
      int port = port(parts.port(), "");
      if (parts.host().isEmpty()) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
      }
      return new InetSocketAddress(parts.host(), port);
    } catch (IllegalArgumentException | ApiException e) {
      throw ApiException.badRequestBody("upstream: " + e.getMessage() + " (expected: host:port)");
    }
  }

  /**
   * Writes an address as Go does: {@code 127.0.0.1:8474} or {@code [::1]:8474}.
   *
   * @param address a resolved address
   * @return the text
   */
  static String format(InetSocketAddress address) {
    InetAddress host = address.getAddress();
    if (host == null) {
      return address.getHostString() + ":" + address.getPort();
    }
    if (host instanceof Inet6Address) {
      return "[" + compress(host.getHostAddress()) + "]:" + address.getPort();
    }
    return host.getHostAddress() + ":" + address.getPort();
  }

  private static int port(String text, String prefix) {
    if (text.isEmpty()) {
      return 0;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        throw ApiException.internal(prefix + "lookup tcp/" + text + ": unknown port");
      }
    }
    if (text.length() > 5 || Integer.parseInt(text) > 65535) {
      throw ApiException.internal(prefix + "address " + text + ": invalid port");
    }
    return Integer.parseInt(text);
  }

  /** Shortens an IPv6 address the way Go prints it: the longest run of zero groups becomes ::. */
  private static String compress(String full) {
    int scope = full.indexOf('%');
    String[] groups = (scope >= 0 ? full.substring(0, scope) : full).split(":", -1);
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < groups.length; ) {
      int j = i;
      while (j < groups.length && groups[j].equals("0")) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    if (bestStart < 0) {
      return String.join(":", groups);
    }
    String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
    String tail =
        String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    return head + "::" + tail;
  }
}
