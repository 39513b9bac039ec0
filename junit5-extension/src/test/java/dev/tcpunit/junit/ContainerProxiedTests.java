package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.probe.ConnectionRecord;
import dev.tcpunit.proxy.FaultProxy;
import dev.tcpunit.proxy.Toxic;
import dev.tcpunit.proxy.ToxicHandle;
import dev.tcpunit.toxiproxy.ToxiproxyProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

@Timeout(120)
@Containers.RequiresDocker
@DisplayName("@Proxied on a container fronts one of its ports with a FaultProxy")
class ContainerProxiedTests {

  static final Duration WAIT = Duration.ofSeconds(10);

  @Nested
  @DisplayName("in-process backend")
  class InProcess {

    @Test
    void staticField() {
      TestKit.Outcomes outcomes = TestKit.run(StaticEchoTestCase.class, Containers.PARAMETERS);
      assertThat(outcomes.failedContainers()).isEmpty();
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded())
          .containsExactly("echoesThroughTheProxy", "resetAllResetsTheClient", "resetPeerToxic");
      assertThat(Containers.running(StaticEchoTestCase.LABEL)).isEmpty();
    }

    @Test
    void instanceFieldAndTwoPortsOfOneContainer() {
      TestKit.Outcomes outcomes = TestKit.run(TwoPortsTestCase.class, Containers.PARAMETERS);
      assertThat(outcomes.failedContainers()).isEmpty();
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("namedProxies");
      assertThat(Containers.running(TwoPortsTestCase.LABEL)).isEmpty();
    }
  }

  @Nested
  @DisplayName("Toxiproxy backend")
  class OnToxiproxy {

    @Test
    @DisplayName("relays through Toxiproxy, records every connection, a reset_peer is a reset")
    void defaultBridge() {
      TestKit.Outcomes outcomes = TestKit.run(ToxiproxyEchoTestCase.class, Containers.PARAMETERS);
      assertThat(outcomes.failedContainers()).isEmpty();
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded())
          .containsExactly("echoesThroughToxiproxy", "methodToxicAroundTheTest", "resetPeerToxic");
      assertThat(Containers.running(ToxiproxyEchoTestCase.LABEL)).isEmpty();
    }

    @Test
    @DisplayName("one Toxiproxy container per network, shared, stopped when the run ends")
    void sharedOnANetwork() {
      try (Network network = SharedNetworkTestCase.network) {
        TestKit.Outcomes outcomes = TestKit.run(SharedNetworkTestCase.class, Containers.PARAMETERS);
        assertThat(outcomes.failedContainers()).isEmpty();
        assertThat(outcomes.failed()).isEmpty();
        assertThat(outcomes.succeeded()).containsExactly("oneToxiproxyForBoth");
        assertThat(Containers.running(SharedNetworkTestCase.LABEL)).isEmpty();
        assertThat(Containers.toxiproxies(network.getId())).as("Toxiproxy containers").isEmpty();
      }
    }
  }

  static void assertEchoes(int port) throws IOException {
    assertThat(Clients.exchange(port, "hello\n", 6)).isEqualTo("hello\n");
  }

  /** Sends a line, reads it back, then expects the connection to be reset. */
  static void assertReset(int port, Runnable fault) throws IOException {
    try (Socket socket = Clients.connect(port)) {
      assertThat(Clients.exchange(socket, "ping\n", 5)).isEqualTo("ping\n");
      fault.run();
      assertThatThrownBy(() -> Clients.exchange(socket, "again\n", 6))
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
    }
  }

  static ConnectionRecord lastClosed(ConnectionProbe probe) throws Exception {
    List<ConnectionRecord> records = probe.awaitAllClosed(WAIT);
    return records.get(records.size() - 1);
  }

  // Fixtures: run through TestKit only.

  @Fixture
  @Execution(ExecutionMode.SAME_THREAD)
  static class StaticEchoTestCase {
    static final String LABEL = Containers.newLabel();

    @Proxied static GenericContainer<?> echo = Containers.echo(LABEL);

    @Test
    void echoesThroughTheProxy(
        @Proxied FaultProxy proxy,
        @Proxied InetSocketAddress address,
        @Proxied int port,
        @Proxied ConnectionProbe probe)
        throws Exception {
      assertThat(address).isEqualTo(proxy.listenAddress());
      assertThat(port).isEqualTo(address.getPort());
      assertThat(probe).isSameAs(proxy.probe());
      assertThat(proxy.upstream().getPort()).isEqualTo(echo.getMappedPort(7));
      probe.clear();
      assertEchoes(port);
      assertThat(lastClosed(probe).bytesToClient()).isEqualTo(6);
    }

    @Test
    void resetAllResetsTheClient(@Proxied FaultProxy proxy) throws Exception {
      proxy.probe().clear();
      assertReset(proxy.listenAddress().getPort(), proxy::resetAll);
      assertThat(lastClosed(proxy.probe()).end().isAbnormal()).isTrue();
      assertEchoes(proxy.listenAddress().getPort());
    }

    @Test
    void resetPeerToxic(@Proxied FaultProxy proxy) throws Exception {
      proxy.probe().clear();
      ToxicHandle toxic = proxy.add(Toxic.resetPeer(0));
      try (Socket socket = Clients.connect(proxy.listenAddress().getPort())) {
        assertThatThrownBy(() -> Clients.exchange(socket, "ping\n", 5))
            .isInstanceOf(SocketException.class);
      } finally {
        toxic.remove();
      }
      assertThat(lastClosed(proxy.probe()).end().isAbnormal()).isTrue();
      assertEchoes(proxy.listenAddress().getPort());
    }
  }

  @Fixture
  @Execution(ExecutionMode.SAME_THREAD)
  static class ToxiproxyEchoTestCase {
    static final String LABEL = Containers.newLabel();

    @Proxied(backend = Proxied.Backend.TOXIPROXY)
    static GenericContainer<?> echo = Containers.echo(LABEL);

    @Test
    void echoesThroughToxiproxy(@Proxied FaultProxy proxy, @Proxied int port) throws Exception {
      assertThat(proxy).isInstanceOf(ToxiproxyProxy.class);
      assertThat(proxy.upstream().getHostString())
          .isEqualTo(
              echo.getContainerInfo()
                  .getNetworkSettings()
                  .getNetworks()
                  .get("bridge")
                  .getIpAddress());
      assertThat(proxy.upstream().getPort()).isEqualTo(7);
      proxy.probe().clear();
      assertEchoes(port);
      assertThat(lastClosed(proxy.probe()).bytesToClient()).isEqualTo(6);
    }

    @Test
    void resetPeerToxic(@Proxied FaultProxy proxy) throws Exception {
      proxy.probe().clear();
      ToxicHandle toxic = proxy.add(Toxic.resetPeer(0));
      try {
        // A reset (SocketException, on connect, write or read), not the end of stream
        // (EOFException) that a FIN would give.
        assertThatThrownBy(() -> Clients.exchange(proxy.listenAddress().getPort(), "ping\n", 5))
            .isInstanceOf(SocketException.class);
      } finally {
        toxic.remove();
      }
      assertThat(lastClosed(proxy.probe()).end()).isEqualTo(ConnectionEnd.SERVER_RESET);
      assertEchoes(proxy.listenAddress().getPort());
    }

    @Test
    @dev.tcpunit.junit.Toxic(type = "latency", attributes = "latency=1")
    void methodToxicAroundTheTest(@Proxied FaultProxy proxy) throws Exception {
      assertThat(proxy.toxics()).extracting(Toxic::name).containsExactly("latency_downstream");
      assertEchoes(proxy.listenAddress().getPort());
    }
  }

  @Fixture
  static class SharedNetworkTestCase {
    static final String LABEL = Containers.newLabel();
    static final Network network = Network.newNetwork();

    @Proxied(name = "a", backend = Proxied.Backend.TOXIPROXY)
    @dev.tcpunit.junit.Toxic(type = "latency", attributes = "latency=1")
    static GenericContainer<?> a = Containers.echo(LABEL).withNetwork(network);

    @Proxied(name = "b", backend = Proxied.Backend.TOXIPROXY)
    static GenericContainer<?> b = Containers.echo(LABEL).withNetwork(network);

    @Test
    void oneToxiproxyForBoth(
        @Proxied(name = "a") FaultProxy first, @Proxied(name = "b") FaultProxy second)
        throws Exception {
      assertThat(Containers.toxiproxies(network.getId())).hasSize(1);
      assertThat(first.upstream().getHostString()).isEqualTo(a.getNetworkAliases().get(0));
      assertThat(second.upstream().getHostString()).isEqualTo(b.getNetworkAliases().get(0));
      assertThat(first.toxics()).extracting(Toxic::type).containsExactly("latency");
      assertThat(second.toxics()).isEmpty();
      assertEchoes(first.listenAddress().getPort());
      assertEchoes(second.listenAddress().getPort());
      assertThat(first.probe().awaitAllClosed(WAIT)).hasSize(1);
      assertThat(second.probe().awaitAllClosed(WAIT)).hasSize(1);
    }
  }

  @Fixture
  static class TwoPortsTestCase {
    static final String LABEL = Containers.newLabel();

    @Proxied(name = "http", port = 80)
    GenericContainer<?> both =
        new GenericContainer<>(Containers.BUSYBOX)
            .withCommand("sh", "-c", "httpd -p 80 -h / && exec nc -ll -p 7 -e cat")
            .withExposedPorts(80, 7)
            .withLabel(Containers.LABEL, LABEL)
            .withStartupAttempts(3);

    @Proxied(name = "echo", port = 7)
    GenericContainer<?> sameContainer = both;

    @Test
    void namedProxies(
        @Proxied(name = "http") FaultProxy http,
        @Proxied(name = "echo") int echoPort,
        @Proxied(name = "http") ConnectionProbe httpProbe)
        throws Exception {
      assertThat(http.upstream().getPort()).isEqualTo(both.getMappedPort(80));
      assertThat(Clients.get(http.listenAddress().getPort())).startsWith("404 ");
      assertThat(httpProbe.awaitConnections(1, WAIT)).hasSize(1);
      assertEchoes(echoPort);
    }
  }
}
