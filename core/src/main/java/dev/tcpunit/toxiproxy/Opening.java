package dev.tcpunit.toxiproxy;

import dev.tcpunit.internal.toxiproxy.ToxiproxyHttp;
import dev.tcpunit.proxy.InProcessProxy;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Creates a {@link ToxiproxyProxy}: the proxy on the server, then the recording hop. */
final class Opening {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Opening() {}

  static ToxiproxyProxy open(
      URI url,
      @Nullable String name,
      String listen,
      String upstream,
      @Nullable InetSocketAddress reachableAt) {
    String proxyName =
        name != null ? name : String.format(Locale.ROOT, "tcpunit_%08x", RANDOM.nextInt());
    int port = url.getPort() >= 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
    ToxiproxyClient client = new ToxiproxyClient(url.getScheme(), url.getHost(), port);
    Proxy remote;
    try {
      remote = client.createProxy(proxyName, listen, upstream);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("[")) {
        throw new IllegalStateException(
            "Toxiproxy at " + url + " refused proxy " + proxyName + ": " + e.getMessage(), e);
      }
      throw new UncheckedIOException("Toxiproxy at " + url + " did not answer", e);
    }
    try {
      InetSocketAddress target =
          reachableAt != null ? reachableAt : reported(remote.getListen(), url.getHost());
      InProcessProxy hop =
          InProcessProxy.builder().upstream(target).name(proxyName + " (recording hop)").start();
      return new ToxiproxyProxy(proxyName, address(upstream), remote, new ToxiproxyHttp(url), hop);
    } catch (RuntimeException e) {
      try {
        remote.delete();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Toxiproxy's listen address as this JVM reaches it: a wildcard host is the server's host. */
  private static InetSocketAddress reported(String listen, String serverHost) {
    int colon = listen.lastIndexOf(':');
    String host = listen.substring(0, colon).replace("[", "").replace("]", "");
    int port = Integer.parseInt(listen.substring(colon + 1));
    try {
      boolean wildcard = host.isEmpty() || InetAddress.getByName(host).isAnyLocalAddress();
      return new InetSocketAddress(
          wildcard ? serverHost.replace("[", "").replace("]", "") : host, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve Toxiproxy's listen address " + listen, e);
    }
  }

  static String hostPort(InetSocketAddress address) {
    String host = address.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  private static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("upstream: " + hostPort + " (expected: host:port)");
    }
    String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
    return InetSocketAddress.createUnresolved(
        host, Integer.parseInt(hostPort.substring(colon + 1)));
  }
}
