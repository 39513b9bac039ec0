package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.os.Tcp;
import dev.tcpunit.toxiproxy.EmbeddedToxiproxy;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
@DisplayName("@ToxiproxyServer: toxiproxy-java's client against an embedded server")
class ToxiproxyServerTests {

  private static final Duration SHORT = Duration.ofMillis(500);

  static int port(String listen) {
    return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
  }

  /** Whether the server's API and the given proxy ports stopped listening. */
  static boolean closed(EmbeddedToxiproxy server, int... proxyPorts) {
    if (Tcp.isReachable(server.host(), server.port(), SHORT)) {
      return false;
    }
    for (int port : proxyPorts) {
      if (Tcp.isReachable("127.0.0.1", port, SHORT)) {
        return false;
      }
    }
    return true;
  }

  @Nested
  @DisplayName("scope")
  class Scope {

    @Test
    @DisplayName("parameters of a test get a server of their own, closed after the test")
    void parametersPerTest() {
      ParameterTestCase.servers.clear();
      ParameterTestCase.proxyPorts.clear();
      TestKit.Outcomes outcomes = TestKit.run(ParameterTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("relays", "startsEmpty");
      assertThat(ParameterTestCase.servers).hasSize(2).doesNotHaveDuplicates();
      assertThat(ParameterTestCase.servers).allMatch(s -> closed(s));
      assertThat(closed(ParameterTestCase.servers.get(0), ParameterTestCase.proxyPorts())).isTrue();
    }

    @Test
    @DisplayName("static fields and @BeforeAll parameters share the class's server with its tests")
    void staticFieldsPerClass() {
      StaticFieldTestCase.seen.clear();
      TestKit.Outcomes outcomes = TestKit.run(StaticFieldTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("first", "nested", "second");
      assertThat(StaticFieldTestCase.seen).hasSize(4).containsOnly(StaticFieldTestCase.server);
      assertThat(closed(StaticFieldTestCase.server)).isTrue();
    }

    @Test
    @DisplayName("instance fields get one server per test, the same as its parameters")
    void instanceFieldsPerTest() {
      InstanceFieldTestCase.servers.clear();
      TestKit.Outcomes outcomes = TestKit.run(InstanceFieldTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("first", "second");
      assertThat(InstanceFieldTestCase.servers).hasSize(2).doesNotHaveDuplicates();
      assertThat(InstanceFieldTestCase.servers).allMatch(s -> closed(s));
    }

    @Test
    @DisplayName("a failed test's server and proxies are closed too")
    void failedTest() {
      TestKit.Outcomes outcomes = TestKit.run(FailingTestCase.class);
      assertThat(outcomes.failed()).containsOnlyKeys("fails");
      assertThat(outcomes.failed().get("fails")).hasMessage("on purpose");
      assertThat(closed(FailingTestCase.server, FailingTestCase.proxyPort)).isTrue();
    }
  }

  @Nested
  @DisplayName("the embedded server")
  class Server {

    @Test
    @DisplayName("listens on loopback and refuses proxies listening elsewhere with 403")
    void loopbackOnly() {
      TestKit.Outcomes outcomes = TestKit.run(LoopbackTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("loopbackOnly");
    }
  }

  @Fixture
  @ToxiproxyServer
  static class ParameterTestCase {
    static final List<EmbeddedToxiproxy> servers = new CopyOnWriteArrayList<>();
    static final List<Integer> proxyPorts = new CopyOnWriteArrayList<>();

    static int[] proxyPorts() {
      return proxyPorts.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void relays(ToxiproxyClient client, EmbeddedToxiproxy server, @TcpServer int echo)
        throws Exception {
      servers.add(server);
      Proxy proxy = client.createProxy("echo", "127.0.0.1:0", "127.0.0.1:" + echo);
      proxyPorts.add(port(proxy.getListen()));
      proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100);
      long start = System.nanoTime();
      assertThat(Clients.exchange(port(proxy.getListen()), "hello", 5)).isEqualTo("hello");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(100));
      assertThat(server.probe("echo").awaitAllClosed(Duration.ofSeconds(10))).hasSize(1);
    }

    @Test
    void startsEmpty(ToxiproxyClient client, EmbeddedToxiproxy server) throws IOException {
      servers.add(server);
      assertThat(client.getProxies()).isEmpty();
      Proxy proxy = client.createProxy("echo", "127.0.0.1:0", "127.0.0.1:9");
      proxyPorts.add(port(proxy.getListen()));
    }
  }

  @Fixture
  static class StaticFieldTestCase {
    static final List<EmbeddedToxiproxy> seen = new CopyOnWriteArrayList<>();

    @ToxiproxyServer static ToxiproxyClient client;
    @ToxiproxyServer static EmbeddedToxiproxy server;

    @BeforeAll
    static void createProxy(EmbeddedToxiproxy param) throws IOException {
      seen.add(param);
      client.createProxy("shared", "127.0.0.1:0", "127.0.0.1:9");
    }

    @Test
    void first(EmbeddedToxiproxy param) throws IOException {
      seen.add(param);
      assertThat(client.getProxy("shared").isEnabled()).isTrue();
    }

    @Test
    void second(EmbeddedToxiproxy param, ToxiproxyClient other) throws IOException {
      seen.add(param);
      assertThat(other).isSameAs(client);
    }

    @Nested
    class Inner {
      @Test
      void nested(EmbeddedToxiproxy param) {
        seen.add(param);
      }
    }
  }

  @Fixture
  static class InstanceFieldTestCase {
    static final List<EmbeddedToxiproxy> servers = new CopyOnWriteArrayList<>();

    @ToxiproxyServer ToxiproxyClient client;
    @ToxiproxyServer EmbeddedToxiproxy server;

    @BeforeEach
    void sameServer(@ToxiproxyServer EmbeddedToxiproxy param) {
      assertThat(param).isSameAs(server);
      servers.add(server);
    }

    @Test
    void first() throws IOException {
      client.createProxy("same-name", "127.0.0.1:0", "127.0.0.1:9");
    }

    @Test
    void second() throws IOException {
      client.createProxy("same-name", "127.0.0.1:0", "127.0.0.1:9");
    }
  }

  @Fixture
  static class FailingTestCase {
    static EmbeddedToxiproxy server;
    static int proxyPort;

    @Test
    void fails(@ToxiproxyServer ToxiproxyClient client, EmbeddedToxiproxy param)
        throws IOException {
      server = param;
      proxyPort = port(client.createProxy("p", "127.0.0.1:0", "127.0.0.1:9").getListen());
      throw new AssertionError("on purpose");
    }
  }

  @Fixture
  @ToxiproxyServer
  static class LoopbackTestCase {
    @Test
    void loopbackOnly(ToxiproxyClient client, EmbeddedToxiproxy server) throws IOException {
      assertThat(server.host()).isEqualTo("127.0.0.1");
      assertThatThrownBy(() -> client.createProxy("open", "0.0.0.0:0", "127.0.0.1:9"))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("[403] listen address not allowed: 0.0.0.0:0 is not a loopback");
      Proxy proxy = client.createProxy("local", "127.0.0.1:0", "127.0.0.1:9");
      try (Socket socket = Clients.connect(port(proxy.getListen()))) {
        assertThat(socket.getInetAddress().isLoopbackAddress()).isTrue();
      }
    }
  }
}
