package dev.tcpunit.internal.toxiproxy;

import dev.tcpunit.proxy.FaultProxy;
import dev.tcpunit.proxy.InProcessProxy;
import dev.tcpunit.proxy.Toxic;
import java.net.InetSocketAddress;
import java.util.List;

/** Opens {@link InProcessProxy}s: the admin API's proxies relay on tcpunit's own engine. */
public final class InProcessBackend implements ProxyBackend {

  @Override
  public FaultProxy open(
      String name,
      InetSocketAddress listen,
      InetSocketAddress upstream,
      long seed,
      List<Toxic> toxics) {
    InProcessProxy.Builder builder =
        InProcessProxy.builder()
            .host(listen.getAddress())
            .port(listen.getPort())
            .upstream(upstream)
            .seed(seed)
            .name(name);
    for (Toxic toxic : toxics) {
      builder = builder.toxic(toxic);
    }
    return builder.start();
  }
}
