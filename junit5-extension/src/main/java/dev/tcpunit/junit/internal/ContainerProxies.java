package dev.tcpunit.junit.internal;

import dev.tcpunit.junit.Proxied;
import dev.tcpunit.proxy.FaultProxy;
import dev.tcpunit.proxy.InProcessProxy;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts what a {@code @Proxied} declaration needs: checks Docker and the port, starts the
 * container when it is not running (keeping its log tail), then the proxy of the chosen backend.
 * The only classes of the extension that use Testcontainers are this one, {@link Docker}, {@link
 * LogTail}, {@link ToxiproxyBackend} and {@link SharedToxiproxy}.
 */
final class ContainerProxies {

  private ContainerProxies() {}

  static void start(ProxyHandle handle, ExtensionContext context) {
    ProxiedDeclaration declaration = handle.declaration();
    String label = declaration.label();
    boolean toxiproxy = declaration.annotation().backend() == Proxied.Backend.TOXIPROXY;
    if (toxiproxy) {
      requireOnClassPath(label);
    }
    @Nullable DockerImageName image =
        toxiproxy ? ToxiproxyBackend.image(declaration, context) : null;
    Optional<String> missing = Docker.missing();
    if (missing.isPresent()) {
      throw new ExtensionConfigurationException(Docker.message(label, missing.get(), false));
    }
    GenericContainer<?> container = (GenericContainer<?>) handle.container();
    int port = port(declaration, container);
    for (ProxyHandle other : ProxyScope.proxies(context)) {
      if (other != handle && other.container() == container && other.port() == port) {
        throw new ExtensionConfigurationException(
            label
                + " requires one proxy per container port but port "
                + port
                + " is fronted by "
                + other.label()
                + " already. Front each port once and share the proxy through @Proxied(name = ...)"
                + " parameters.");
      }
    }
    handle.port(port);
    if (container.getContainerId() == null) {
      LogTail tail = new LogTail();
      container.withLogConsumer(tail);
      handle.onClose(container::stop);
      try {
        container.start();
      } catch (RuntimeException e) {
        throw new ExtensionConfigurationException(
            label
                + " requires its container to start but it failed: "
                + causes(e)
                + ". The container's last log lines:\n"
                + tail.text(),
            e);
      }
    }
    if (image != null) {
      handle.proxy(ToxiproxyBackend.open(handle, container, port, image, context));
    } else {
      handle.proxy(inProcess(declaration, container, port));
    }
  }

  /** The optional libraries of the Toxiproxy backend, which tcpunit-junit5 does not bring. */
  private static void requireOnClassPath(String label) {
    String[][] needed = {
      {
        "org.testcontainers.toxiproxy.ToxiproxyContainer",
        "org.testcontainers:testcontainers-toxiproxy"
      },
      {"eu.rekawek.toxiproxy.ToxiproxyClient", "eu.rekawek.toxiproxy:toxiproxy-java"}
    };
    for (String[] library : needed) {
      try {
        Class.forName(library[0], false, ContainerProxies.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new ExtensionConfigurationException(
            label
                + " requires "
                + library[1]
                + " on the test class path for backend = TOXIPROXY but "
                + library[0]
                + " is missing. Add it as a test dependency.",
            e);
      }
    }
  }

  private static FaultProxy inProcess(
      ProxiedDeclaration declaration, GenericContainer<?> container, int port) {
    InetSocketAddress mapped =
        new InetSocketAddress(container.getHost(), container.getMappedPort(port));
    String name =
        declaration.name().isEmpty()
            ? declaration.field().getName() + ":" + port
            : declaration.name();
    InProcessProxy.Builder builder = InProcessProxy.builder().name(name).upstream(mapped);
    @Nullable Long seed = declaration.seed();
    return (seed == null ? builder : builder.seed(seed)).start();
  }

  private static int port(ProxiedDeclaration declaration, GenericContainer<?> container) {
    List<Integer> exposed = container.getExposedPorts();
    int port = declaration.annotation().port();
    String ports =
        Messages.join(exposed.stream().map(String::valueOf).collect(Collectors.toList()), "and");
    if (port == -1) {
      if (exposed.size() == 1) {
        return exposed.get(0);
      }
      throw new ExtensionConfigurationException(
          declaration.label()
              + " requires a port when the container does not expose exactly one but it exposes "
              + (exposed.isEmpty() ? "none" : ports)
              + ". Set port, for example @Proxied(port = "
              + (exposed.isEmpty() ? 8080 : exposed.get(0))
              + ")"
              + (exposed.isEmpty() ? ", and expose it with withExposedPorts(...)." : "."));
    }
    if (!exposed.contains(port)) {
      throw new ExtensionConfigurationException(
          declaration.label()
              + " requires a port the container exposes but port "
              + port
              + " is not exposed (exposed: "
              + (exposed.isEmpty() ? "none" : ports)
              + "). Expose it with withExposedPorts("
              + port
              + ") or fix the port.");
    }
    return port;
  }

  /** The messages of an exception and its causes, each cut to its first line and 160 chars. */
  static String causes(Throwable e) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (Throwable c = e; c != null && depth < 6; c = c.getCause(), depth++) {
      String message = String.valueOf(c.getMessage()).strip();
      int newline = message.indexOf('\n');
      message = newline < 0 ? message : message.substring(0, newline);
      if (message.length() > 160) {
        message = message.substring(0, 160) + "...";
      }
      out.append(depth == 0 ? "" : " <- ").append(message);
    }
    return out.toString();
  }
}
