package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.probe.ConnectionRecord;
import dev.tcpunit.server.ScriptedServer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
@DisplayName("@TcpServer injects")
class TcpServerInjectionTests {

  private static final Duration WAIT = Duration.ofSeconds(5);

  /** Asserts that a port answers as an echo server. */
  static void assertEchoes(int port) throws Exception {
    assertThat(Clients.exchange(port, "hello", 5)).isEqualTo("hello");
  }

  /** Connects through the port and asserts that the probe saw that very connection. */
  static void assertProbes(int port, ConnectionProbe probe) throws Exception {
    int before = probe.count();
    int clientPort;
    try (Socket socket = Clients.connect(port)) {
      clientPort = socket.getLocalPort();
      assertThat(Clients.exchange(socket, "x", 1)).isEqualTo("x");
    }
    List<ConnectionRecord> records = probe.awaitConnections(before + 1, WAIT);
    assertThat(records.get(before).client().getPort()).isEqualTo(clientPort);
  }

  @Nested
  @DisplayName("static fields")
  class StaticFields {

    @Test
    void ofEveryTypeOnceForTheClass() {
      StaticFieldsTestCase.servers.clear();
      TestKit.Outcomes outcomes = TestKit.run(StaticFieldsTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("first", "second");
      assertThat(StaticFieldsTestCase.servers).hasSize(1);
    }
  }

  @Nested
  @DisplayName("instance fields")
  class InstanceFields {

    @Test
    void ofEveryTypeOncePerTest() {
      InstanceFieldsTestCase.servers.clear();
      TestKit.Outcomes outcomes = TestKit.run(InstanceFieldsTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("first", "second");
      assertThat(InstanceFieldsTestCase.servers).hasSize(2);
    }
  }

  @Nested
  @DisplayName("parameters")
  class Parameters {

    @Test
    void ofEveryTypeWithPlainProbes() {
      TestKit.Outcomes outcomes = TestKit.run(ParametersTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded())
          .containsExactly("everyType", "plainProbeAfterItsServer", "plainProbeBeforeItsServer");
    }

    @Test
    void sameNamedServerForBeforeEachTestAndAfterEach() {
      SameInvocationTestCase.servers.clear();
      TestKit.Outcomes outcomes = TestKit.run(SameInvocationTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("first", "second");
      assertThat(SameInvocationTestCase.servers).hasSize(2);
    }

    @Test
    void plainProbeOfTheServerOfBeforeEach() {
      TestKit.Outcomes outcomes = TestKit.run(BeforeEachServerTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("test");
    }

    @Test
    void constructorAndBeforeAllParameters() {
      ConstructorTestCase.constructorPorts.clear();
      TestKit.Outcomes outcomes = TestKit.run(ConstructorTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("first", "second");
      assertThat(ConstructorTestCase.constructorPorts).hasSize(2);
    }
  }

  @Nested
  @DisplayName("@Nested classes")
  class NestedClasses {

    @Test
    void seeTheServersOfEnclosingClassesAndInstances() {
      TestKit.Outcomes outcomes = TestKit.run(NestedTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("innerTest", "outerTest");
    }

    @Test
    void injectEnclosingInstanceFieldsWithoutOwnDeclarations() {
      TestKit.Outcomes outcomes = TestKit.run(OuterInstanceOnlyTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("test");
    }
  }

  // Fixtures: run through TestKit only.

  @Fixture
  static class StaticFieldsTestCase {
    static final Set<ScriptedServer> servers = ConcurrentHashMap.newKeySet();

    @TcpServer static ScriptedServer server;
    @TcpServer static InetSocketAddress address;
    @TcpServer static int port;
    @TcpServer static URI uri;

    @TcpServer("probed")
    static ConnectionProbe probe;

    @TcpServer("probed")
    static int probedPort;

    @Test
    void first() throws Exception {
      check();
    }

    @Test
    void second() throws Exception {
      check();
    }

    private static void check() throws Exception {
      servers.add(server);
      assertEchoes(server.port());
      assertThat(address.getAddress().isLoopbackAddress()).isTrue();
      assertEchoes(address.getPort());
      assertEchoes(port);
      assertThat(uri).isEqualTo(URI.create("http://127.0.0.1:" + uri.getPort() + "/"));
      assertEchoes(uri.getPort());
      assertThat(Set.of(server.port(), address.getPort(), port, uri.getPort(), probedPort))
          .as("one server per declaration")
          .hasSize(5);
      assertProbes(probedPort, probe);
    }
  }

  @Fixture
  static class InstanceFieldsTestCase {
    static final Set<ScriptedServer> servers = ConcurrentHashMap.newKeySet();

    @TcpServer ScriptedServer server;
    @TcpServer InetSocketAddress address;
    @TcpServer int port;
    @TcpServer URI uri;

    @TcpServer("probed")
    ConnectionProbe probe;

    @TcpServer("probed")
    int probedPort;

    @Test
    void first() throws Exception {
      check();
    }

    @Test
    void second() throws Exception {
      check();
    }

    private void check() throws Exception {
      servers.add(server);
      assertEchoes(server.port());
      assertThat(address.getAddress().isLoopbackAddress()).isTrue();
      assertEchoes(address.getPort());
      assertEchoes(port);
      assertThat(uri).isEqualTo(URI.create("http://127.0.0.1:" + uri.getPort() + "/"));
      assertEchoes(uri.getPort());
      assertThat(Set.of(server.port(), address.getPort(), port, uri.getPort(), probedPort))
          .hasSize(5);
      assertProbes(probedPort, probe);
      assertThat(probe.count()).as("a fresh server per test").isEqualTo(1);
    }
  }

  @Fixture
  static class ParametersTestCase {

    @Test
    void everyType(
        @TcpServer ScriptedServer server,
        @TcpServer InetSocketAddress address,
        @TcpServer int port,
        @TcpServer URI uri,
        @TcpServer("probed") ConnectionProbe probe,
        @TcpServer("probed") int probedPort)
        throws Exception {
      assertEchoes(server.port());
      assertEchoes(address.getPort());
      assertEchoes(port);
      assertThat(uri).isEqualTo(URI.create("http://127.0.0.1:" + uri.getPort() + "/"));
      assertEchoes(uri.getPort());
      assertThat(Set.of(server.port(), address.getPort(), port, uri.getPort(), probedPort))
          .hasSize(5);
      assertProbes(probedPort, probe);
    }

    @Test
    void plainProbeAfterItsServer(@TcpServer int port, ConnectionProbe probe) throws Exception {
      assertProbes(port, probe);
    }

    @Test
    void plainProbeBeforeItsServer(ConnectionProbe probe, @TcpServer int port) throws Exception {
      assertProbes(port, probe);
    }
  }

  @Fixture
  static class SameInvocationTestCase {
    static final Set<ScriptedServer> servers = ConcurrentHashMap.newKeySet();

    @TcpServer("api")
    ScriptedServer field;

    ScriptedServer fromBeforeEach;

    @BeforeEach
    void setUp(@TcpServer("api") ScriptedServer server) {
      assertThat(server).isSameAs(field);
      fromBeforeEach = server;
    }

    @Test
    void first(@TcpServer("api") ScriptedServer server, @TcpServer("api") int port)
        throws Exception {
      check(server, port);
    }

    @Test
    void second(@TcpServer("api") ScriptedServer server, @TcpServer("api") int port)
        throws Exception {
      check(server, port);
    }

    @AfterEach
    void tearDown(@TcpServer("api") ScriptedServer server) {
      assertThat(server).isSameAs(fromBeforeEach);
    }

    private void check(ScriptedServer server, int port) throws Exception {
      assertThat(server).isSameAs(fromBeforeEach).isSameAs(field);
      assertThat(port).isEqualTo(server.port());
      assertEchoes(port);
      servers.add(server);
    }
  }

  @Fixture
  static class BeforeEachServerTestCase {
    int port;

    @BeforeEach
    void setUp(@TcpServer int port) {
      this.port = port;
    }

    @Test
    void test(ConnectionProbe probe) throws Exception {
      assertProbes(port, probe);
    }
  }

  @Fixture
  static class ConstructorTestCase {
    static final Set<Integer> constructorPorts = ConcurrentHashMap.newKeySet();
    static int sharedPort;

    final int port;

    ConstructorTestCase(@TcpServer int port) {
      this.port = port;
      constructorPorts.add(port);
    }

    @BeforeAll
    static void setUpClass(@TcpServer("shared") int port) {
      sharedPort = port;
    }

    @Test
    void first(@TcpServer("shared") int shared) throws Exception {
      check(shared);
    }

    @Test
    void second(@TcpServer("shared") int shared) throws Exception {
      check(shared);
    }

    private void check(int shared) throws Exception {
      assertThat(shared).isEqualTo(sharedPort);
      assertEchoes(shared);
      assertEchoes(port);
    }
  }

  @Fixture
  static class NestedTestCase {
    @TcpServer("outer")
    static ScriptedServer outerStatic;

    @TcpServer int outerPort;

    @Test
    void outerTest(@TcpServer("outer") ScriptedServer same) throws Exception {
      assertThat(same).isSameAs(outerStatic);
      assertEchoes(outerPort);
    }

    @Nested
    class Inner {
      @TcpServer ScriptedServer innerServer;

      @Test
      void innerTest(@TcpServer("outer") ScriptedServer same) throws Exception {
        assertThat(same).isSameAs(outerStatic);
        assertEchoes(outerPort);
        assertEchoes(innerServer.port());
        assertThat(Set.of(outerStatic.port(), outerPort, innerServer.port())).hasSize(3);
      }
    }
  }

  @Fixture
  static class OuterInstanceOnlyTestCase {
    @TcpServer int port;

    @Nested
    class Inner {
      @Test
      void test() throws Exception {
        assertEchoes(port);
      }
    }
  }
}
