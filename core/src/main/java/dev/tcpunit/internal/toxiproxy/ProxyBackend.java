package dev.tcpunit.internal.toxiproxy;

import dev.tcpunit.proxy.FaultProxy;
import dev.tcpunit.proxy.Toxic;
import java.net.InetSocketAddress;
import java.util.List;

/** Opens the in-process proxies behind the admin API. */
@FunctionalInterface
public interface ProxyBackend {

  /**
   * Binds and starts a proxy.
   *
   * @param name the proxy's name
   * @param listen the address to bind; port 0 for any free port
   * @param upstream the service to relay to
   * @param seed the seed of the proxy's random decisions
   * @param toxics the toxics in place from the first connection on
   * @return the listening proxy
   * @throws java.io.UncheckedIOException if it cannot listen there
   */
  FaultProxy open(
      String name,
      InetSocketAddress listen,
      InetSocketAddress upstream,
      long seed,
      List<Toxic> toxics);
}
