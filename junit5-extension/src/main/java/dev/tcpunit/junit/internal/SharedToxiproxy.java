package dev.tcpunit.junit.internal;

import com.github.dockerjava.api.model.ContainerNetwork;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.BitSet;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.testcontainers.containers.Network;
import org.testcontainers.toxiproxy.ToxiproxyContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One Toxiproxy container on one Docker network, shared by every {@code @Proxied(backend =
 * TOXIPROXY)} of that network and image in a test run: started by the first, stopped when the run
 * ends. Hands out its 32 proxy ports, and tells where this JVM reaches each: at the container's
 * address on its network when that answers (a Linux engine), so that Docker's userland port proxy,
 * which turns a reset into a FIN, is not in the way and only the control port is published; else at
 * the ports Docker maps to the host (Docker Desktop, a remote engine), where it is.
 */
final class SharedToxiproxy implements AutoCloseable {

  /** The label on the container, with the network's id (or {@code bridge}) as value. */
  static final String LABEL = "dev.tcpunit.toxiproxy.network";

  static final int FIRST_PORT = 8666;
  static final int PORTS = 32;
  private static final int CONTROL_PORT = 8474;
  private static final int REACH_TIMEOUT_MILLIS = 2000;

  private final DockerImageName image;
  private final @Nullable Network network;
  private final BitSet used = new BitSet(PORTS);
  private @Nullable ToxiproxyContainer container;
  private @Nullable String direct;
  private boolean closed;

  SharedToxiproxy(DockerImageName image, @Nullable Network network) {
    this.image = image;
    this.network = network;
  }

  /**
   * Starts the container unless it runs; waits while another test starts it.
   *
   * @param label the declaration that needs it, for messages
   * @throws ExtensionConfigurationException if it does not start, with its log tail
   */
  synchronized void start(String label) {
    if (closed) {
      throw new IllegalStateException("the test run's Toxiproxy containers are closed");
    }
    if (container != null) {
      return;
    }
    ToxiproxyContainer fresh = startContainer(label, true);
    String address = reachableAddress(fresh);
    if (address == null) {
      fresh.stop();
      fresh = startContainer(label, false);
    }
    container = fresh;
    direct = address;
  }

  /**
   * Starts a container that publishes its control port only (when this JVM reaches the container's
   * address) or its proxy ports too.
   */
  private ToxiproxyContainer startContainer(String label, boolean controlPortOnly) {
    LogTail tail = new LogTail();
    ToxiproxyContainer fresh =
        new ToxiproxyContainer(image)
            .withLabel(LABEL, network == null ? "bridge" : network.getId())
            .withLogConsumer(tail)
            // the engine may publish the port on a host port a socket holds at that moment
            .withStartupAttempts(3);
    if (controlPortOnly) {
      fresh = fresh.withExposedPorts(CONTROL_PORT);
    }
    if (network != null) {
      fresh = fresh.withNetwork(network);
    }
    try {
      fresh.start();
      return fresh;
    } catch (RuntimeException e) {
      try {
        fresh.stop();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new ExtensionConfigurationException(
          label
              + " requires a Toxiproxy container but image "
              + image.asCanonicalNameString()
              + " failed to start: "
              + ContainerProxies.causes(e)
              + ". If the image is missing, make it available (docker pull, or build a"
              + " Toxiproxy-compatible one) or"
              + " name another with toxiproxyImage or the configuration parameter "
              + "tcpunit.toxiproxy.image. The container's last log lines:\n"
              + tail.text(),
          e);
    }
  }

  /** Toxiproxy's API, as this JVM reaches it. */
  synchronized String url() {
    ToxiproxyContainer running = running();
    return "http://" + running.getHost() + ":" + running.getControlPort();
  }

  /**
   * Takes a free proxy port.
   *
   * @param label the declaration that needs it, for messages
   * @return a port of 8666-8697
   * @throws ExtensionConfigurationException if all 32 are taken
   */
  synchronized int allocate(String label) {
    int free = used.nextClearBit(0);
    if (free >= PORTS) {
      throw new ExtensionConfigurationException(
          label
              + " requires a free port of the shared Toxiproxy container but all "
              + PORTS
              + " (8666-8697) are taken by other @Proxied proxies on its network. Run fewer"
              + " container tests at once, or use backend = IN_PROCESS.");
    }
    used.set(free);
    return FIRST_PORT + free;
  }

  /** Gives a port back once its proxy is deleted. */
  synchronized void release(int port) {
    used.clear(port - FIRST_PORT);
  }

  /** Where this JVM connects to reach a proxy port of the container. */
  synchronized InetSocketAddress reach(int port) {
    ToxiproxyContainer running = running();
    if (direct != null) {
      return new InetSocketAddress(direct, port);
    }
    return new InetSocketAddress(running.getHost(), running.getMappedPort(port));
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (container != null) {
      container.stop();
      container = null;
    }
  }

  private ToxiproxyContainer running() {
    if (container == null) {
      throw new IllegalStateException("the Toxiproxy container is not running");
    }
    return container;
  }

  /** The container's address on its network if this JVM can connect to it, else {@code null}. */
  private @Nullable String reachableAddress(ToxiproxyContainer running) {
    String address = null;
    for (Map.Entry<String, ContainerNetwork> entry :
        running.getContainerInfo().getNetworkSettings().getNetworks().entrySet()) {
      ContainerNetwork candidate = entry.getValue();
      boolean ours =
          network == null
              ? "bridge".equals(entry.getKey())
              : network.getId().equals(candidate.getNetworkID());
      String ip = candidate.getIpAddress();
      if (ours && ip != null && !ip.isEmpty()) {
        address = ip;
      }
    }
    if (address == null) {
      return null;
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, CONTROL_PORT), REACH_TIMEOUT_MILLIS);
      return address;
    } catch (IOException unreachable) {
      return null;
    }
  }
}
