package dev.tcpunit.junit.internal;

import com.github.dockerjava.api.model.ContainerNetwork;
import dev.tcpunit.junit.Proxied;
import dev.tcpunit.toxiproxy.ToxiproxyProxy;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/**
 * The {@code TOXIPROXY} backend of {@code @Proxied}: a {@link ToxiproxyProxy} on the shared
 * Toxiproxy container of the target's network, created with the target's address as Toxiproxy sees
 * it. The shared containers live in the root store and stop when the test run ends.
 */
final class ToxiproxyBackend {

  private static final Namespace NAMESPACE = Namespace.create(ToxiproxyBackend.class);
  private static final DockerImageName SHOPIFY = DockerImageName.parse("ghcr.io/shopify/toxiproxy");
  private static final DockerImageName SHOPIFY_HUB = DockerImageName.parse("shopify/toxiproxy");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The shared containers of a test run, by network and image. */
  private static final class Servers implements AutoCloseable {
    private final Map<List<String>, SharedToxiproxy> byKey = new LinkedHashMap<>();

    synchronized SharedToxiproxy get(DockerImageName image, @Nullable Network network) {
      List<String> key =
          List.of(network == null ? "bridge" : network.getId(), image.asCanonicalNameString());
      return byKey.computeIfAbsent(key, k -> new SharedToxiproxy(image, network));
    }

    @Override
    public void close() {
      List<SharedToxiproxy> all;
      synchronized (this) {
        all = new ArrayList<>(byKey.values());
        byKey.clear();
      }
      RuntimeException failure = null;
      for (SharedToxiproxy server : all) {
        try {
          server.close();
        } catch (RuntimeException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  private ToxiproxyBackend() {}

  /**
   * The image of a declaration: its {@code toxiproxyImage}, else the configuration parameter, else
   * the default; declared a substitute for Shopify's image when it is another.
   *
   * @throws ExtensionConfigurationException if the name is not an image name
   */
  static DockerImageName image(ProxiedDeclaration declaration, ExtensionContext context) {
    String given = declaration.annotation().toxiproxyImage().strip();
    String source = "toxiproxyImage";
    if (given.isEmpty()) {
      given =
          context.getConfigurationParameter(Proxied.TOXIPROXY_IMAGE).map(String::strip).orElse("");
      source = "the configuration parameter " + Proxied.TOXIPROXY_IMAGE;
    }
    if (given.isEmpty()) {
      given = Proxied.DEFAULT_TOXIPROXY_IMAGE;
    }
    DockerImageName image;
    try {
      image = DockerImageName.parse(given);
      image.assertValid();
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      // Testcontainers rejects some names with the latter, "toxiproxy:" for one
      throw new ExtensionConfigurationException(
          declaration.label()
              + " requires a Docker image name for Toxiproxy but "
              + source
              + " is \""
              + given
              + "\". Name an image, for example \""
              + Proxied.DEFAULT_TOXIPROXY_IMAGE
              + "\".",
          e);
    }
    if (image.isCompatibleWith(SHOPIFY) || image.isCompatibleWith(SHOPIFY_HUB)) {
      return image;
    }
    return image.asCompatibleSubstituteFor(SHOPIFY);
  }

  /**
   * Creates the proxy of a declaration on the shared Toxiproxy of its target's network.
   *
   * @param handle the declaration's handle, which releases the Toxiproxy port when it closes
   * @param target the started target container
   * @param port the target's container port
   * @param image the Toxiproxy image
   * @param context any context of the run
   * @return the running proxy
   */
  static ToxiproxyProxy open(
      ProxyHandle handle,
      GenericContainer<?> target,
      int port,
      DockerImageName image,
      ExtensionContext context) {
    ProxiedDeclaration declaration = handle.declaration();
    String label = declaration.label();
    String upstream = host(label, target) + ":" + port;
    SharedToxiproxy server =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(Servers.class, k -> new Servers(), Servers.class)
            .get(image, target.getNetwork());
    server.start(label);
    int listen = server.allocate(label);
    handle.onClose(() -> server.release(listen));
    try {
      return ToxiproxyProxy.builder(server.url())
          .name(name(declaration, port))
          .listen("0.0.0.0:" + listen)
          .upstream(upstream)
          .reachableAt(server.reach(listen))
          .start();
    } catch (RuntimeException e) {
      throw new ExtensionConfigurationException(
          label
              + " requires a proxy on the shared Toxiproxy container but creating it failed: "
              + ContainerProxies.causes(e)
              + ".",
          e);
    }
  }

  /** The target's host as Toxiproxy sees it: its alias on its network, or its bridge address. */
  private static String host(String label, GenericContainer<?> target) {
    if (target.getNetwork() != null && !target.getNetworkAliases().isEmpty()) {
      return target.getNetworkAliases().get(0);
    }
    ContainerNetwork bridge =
        target.getContainerInfo().getNetworkSettings().getNetworks().get("bridge");
    String address = bridge == null ? null : bridge.getIpAddress();
    if (target.getNetwork() != null || address == null || address.isEmpty()) {
      throw new ExtensionConfigurationException(
          label
              + " requires a container Toxiproxy can reach, on the default bridge or a Network with"
              + " an alias, but it has neither (network mode: "
              + target.getNetworkMode()
              + "). Put it on a Network with withNetwork(Network.newNetwork()).");
    }
    return address;
  }

  /** A name unique on the shared server: the declaration's name or field, port, random. */
  private static String name(ProxiedDeclaration declaration, int port) {
    String base = declaration.name().isEmpty() ? declaration.field().getName() : declaration.name();
    return String.format(
        Locale.ROOT, "%s_%d_%08x", base.replaceAll("[^A-Za-z0-9_.-]", "_"), port, RANDOM.nextInt());
  }
}
