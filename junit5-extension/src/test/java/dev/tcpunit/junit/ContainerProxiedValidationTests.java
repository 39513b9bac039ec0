package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.proxy.FaultProxy;
import java.net.ConnectException;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

@Timeout(120)
@DisplayName("@Proxied on a container: bad input fails clearly and leaves nothing running")
class ContainerProxiedValidationTests {

  @Nested
  @DisplayName("without Docker")
  class Declarations {

    @Test
    void parameterWithoutProxy() {
      assertThat(TestKit.run(NoProxyTestCase.class).onlyFailure())
          .isInstanceOf(ParameterResolutionException.class)
          .hasMessage(
              "Parameter [FaultProxy proxy] in method [void NoProxyTestCase.test(FaultProxy)]"
                  + " requires a @Proxied container field in scope but none was declared."
                  + " Declare one on a static or instance container field.");
    }

    @Test
    void parameterOfAnotherType() {
      assertThat(TestKit.run(WrongParameterTestCase.class).onlyFailure())
          .isInstanceOf(ParameterResolutionException.class)
          .hasMessageContaining(
              "@Proxied on parameter [String address] in method"
                  + " [void WrongParameterTestCase.test(String)] requires one of the types"
                  + " FaultProxy, ConnectionProbe, InetSocketAddress or int but the type is"
                  + " String. Change the parameter's type, or set upstream for a proxy of its own.");
    }
  }

  @Nested
  @Containers.RequiresDocker
  @DisplayName("with Docker")
  class WithContainers {

    @Test
    void portNotExposed() {
      Map<String, Throwable> failed =
          TestKit.run(UnexposedPortTestCase.class, Containers.PARAMETERS).failedContainers();
      assertThat(failed.get("UnexposedPortTestCase"))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessage(
              "@Proxied on field [GenericContainer UnexposedPortTestCase.echo] requires a port"
                  + " the container exposes but port 8080 is not exposed (exposed: 7). Expose it"
                  + " with withExposedPorts(8080) or fix the port.");
      assertThat(UnexposedPortTestCase.echo.getContainerId()).as("never started").isNull();
    }

    @Test
    void containerThatFailsToStart() {
      Map<String, Throwable> failed =
          TestKit.run(FailingStartTestCase.class, Containers.PARAMETERS).failedContainers();
      assertThat(failed.get("FailingStartTestCase"))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessageStartingWith(
              "@Proxied on field [GenericContainer FailingStartTestCase.broken] requires its"
                  + " container to start but it failed: Container startup failed for image"
                  + " tcpunit/busybox:1")
          .hasMessageEndingWith(
              ". The container's last log lines:\n  starting\n  no such file: /etc/app.conf");
      assertThat(Containers.running(FailingStartTestCase.LABEL)).isEmpty();
    }

    @Test
    void twoDeclarationsForOnePort() {
      Map<String, Throwable> failed =
          TestKit.run(SamePortTestCase.class, Containers.PARAMETERS).failedContainers();
      assertThat(failed.get("SamePortTestCase"))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessage(
              "@Proxied(name = \"second\") on field [GenericContainer SamePortTestCase.again]"
                  + " requires one proxy per container port but port 7 is fronted by"
                  + " @Proxied(name = \"first\") on field [GenericContainer SamePortTestCase.echo]"
                  + " already. Front each port once and share the proxy through @Proxied(name ="
                  + " ...) parameters.");
      assertThat(Containers.running(SamePortTestCase.LABEL)).isEmpty();
    }

    @Test
    void nothingLeftRunningAfterFailingTests() throws Exception {
      TestKit.Outcomes outcomes = TestKit.run(FailingTestsTestCase.class, Containers.PARAMETERS);
      // A class that failed (its shared container did not start) runs no test: say why.
      assertThat(outcomes.failedContainers()).isEmpty();
      assertThat(outcomes.failed())
          .as("failed tests; succeeded: %s", outcomes.succeeded())
          .containsOnlyKeys("fails", "throwsAnException");
      assertThat(Containers.running(FailingTestsTestCase.LABEL)).isEmpty();
      assertThat(FailingTestsTestCase.ports).hasSize(3);
      for (int port : FailingTestsTestCase.ports.values()) {
        try (Socket socket = Clients.connect(port)) {
          assertThat(socket.getInputStream().read()).as("closed proxy on %d", port).isEqualTo(-1);
        } catch (ConnectException refused) {
          assertThat(refused).hasMessageContaining("refused");
        }
      }
    }
  }

  @Nested
  @Containers.RequiresDocker
  @DisplayName("with Docker, Toxiproxy backend")
  class WithToxiproxy {

    @Test
    void tcpunitToxicOnAMethod() {
      TestKit.Outcomes outcomes = TestKit.run(MethodToxicTestCase.class, Containers.PARAMETERS);
      assertThat(outcomes.onlyFailure())
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessage(
              "@Toxic(type = \"corrupt\") on method [void MethodToxicTestCase.test()] requires one"
                  + " of Toxiproxy's toxics (latency, bandwidth, slow_close, timeout, reset_peer,"
                  + " slicer, limit_data) on a @Proxied(backend = TOXIPROXY) proxy but corrupt is"
                  + " tcpunit's own. Use @Proxied(backend = IN_PROCESS), which has every toxic, or"
                  + " one of Toxiproxy's.");
      assertThat(Containers.running(MethodToxicTestCase.LABEL)).isEmpty();
    }

    @Test
    void missingImage() {
      Map<String, Throwable> failed =
          TestKit.run(MissingImageTestCase.class, Containers.PARAMETERS).failedContainers();
      assertThat(failed.get("MissingImageTestCase"))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessageStartingWith(
              "@Proxied on field [GenericContainer MissingImageTestCase.echo] requires a Toxiproxy"
                  + " container but image tcpunit/no-such-toxiproxy:1 failed to start: ")
          .hasMessageContaining(
              ". If the image is missing, make it available (docker pull, or build a"
                  + " Toxiproxy-compatible one) or name another with toxiproxyImage or the"
                  + " configuration parameter tcpunit.toxiproxy.image. The container's last log"
                  + " lines:\n");
      assertThat(Containers.running(MissingImageTestCase.LABEL)).isEmpty();
    }

    @Test
    void nothingLeftRunningAfterFailingTests() throws Exception {
      try (Network network = FailingToxiproxyTestCase.network) {
        TestKit.Outcomes outcomes =
            TestKit.run(FailingToxiproxyTestCase.class, Containers.PARAMETERS);
        assertThat(outcomes.failed()).containsOnlyKeys("fails", "throwsAnException");
        assertThat(Containers.running(FailingToxiproxyTestCase.LABEL)).isEmpty();
        assertThat(Containers.toxiproxies(network.getId())).as("Toxiproxy containers").isEmpty();
        assertThat(FailingToxiproxyTestCase.ports).hasSize(3);
        for (int port : FailingToxiproxyTestCase.ports.values()) {
          try (Socket socket = Clients.connect(port)) {
            assertThat(socket.getInputStream().read()).as("closed hop on %d", port).isEqualTo(-1);
          } catch (ConnectException refused) {
            assertThat(refused).hasMessageContaining("refused");
          }
        }
      }
    }
  }

  // Fixtures: run through TestKit only.

  @Fixture
  static class MethodToxicTestCase {
    static final String LABEL = Containers.newLabel();

    @Proxied(backend = Proxied.Backend.TOXIPROXY)
    static GenericContainer<?> echo = Containers.echo(LABEL);

    @Test
    @Toxic(type = "corrupt", attributes = "probability=0.5")
    void test() {}
  }

  @Fixture
  static class MissingImageTestCase {
    static final String LABEL = Containers.newLabel();

    @Proxied(backend = Proxied.Backend.TOXIPROXY, toxiproxyImage = "tcpunit/no-such-toxiproxy:1")
    static GenericContainer<?> echo = Containers.echo(LABEL);

    @Test
    void test() {}
  }

  @Fixture
  static class FailingToxiproxyTestCase {
    static final String LABEL = Containers.newLabel();
    static final Network network = Network.newNetwork();
    static final Map<String, Integer> ports = new ConcurrentHashMap<>();

    @Proxied(name = "shared", backend = Proxied.Backend.TOXIPROXY)
    static GenericContainer<?> shared = Containers.echo(LABEL).withNetwork(network);

    @Proxied(name = "own", backend = Proxied.Backend.TOXIPROXY)
    GenericContainer<?> own = Containers.echo(LABEL).withNetwork(network);

    @Test
    void fails(@Proxied(name = "shared") int shared, @Proxied(name = "own") int own) {
      ports.put("shared", shared);
      ports.put("fails", own);
      assertThat(own).isEqualTo(shared);
    }

    @Test
    void throwsAnException(@Proxied(name = "own") int own) {
      ports.put("throwsAnException", own);
      throw new IllegalStateException("the test throws");
    }
  }

  @Fixture
  static class NoProxyTestCase {
    @Test
    void test(@Proxied FaultProxy proxy) {}
  }

  @Fixture
  static class WrongParameterTestCase {
    @Test
    void test(@Proxied String address) {}
  }

  @Fixture
  static class UnexposedPortTestCase {
    @Proxied(port = 8080)
    static GenericContainer<?> echo = Containers.echo(Containers.newLabel());

    @Test
    void test() {}
  }

  @Fixture
  static class FailingStartTestCase {
    static final String LABEL = Containers.newLabel();

    @Proxied
    static GenericContainer<?> broken =
        new GenericContainer<>(Containers.BUSYBOX)
            .withCommand(
                "sh", "-c", "echo starting >&2; echo 'no such file: /etc/app.conf' >&2; exit 3")
            .withExposedPorts(7)
            .withLabel(Containers.LABEL, LABEL);

    @Test
    void test() {}
  }

  @Fixture
  static class SamePortTestCase {
    static final String LABEL = Containers.newLabel();

    @Proxied(name = "first", port = 7)
    static GenericContainer<?> echo = Containers.echo(LABEL);

    @Proxied(name = "second", port = 7)
    static GenericContainer<?> again = echo;

    @Test
    void test() {}
  }

  @Fixture
  static class FailingTestsTestCase {
    static final String LABEL = Containers.newLabel();
    static final Map<String, Integer> ports = new ConcurrentHashMap<>();

    @Proxied(name = "shared")
    static GenericContainer<?> shared = Containers.echo(LABEL);

    @Proxied(name = "own")
    GenericContainer<?> own = Containers.echo(LABEL);

    @Test
    void fails(@Proxied(name = "shared") int shared, @Proxied(name = "own") int own) {
      ports.put("shared", shared);
      ports.put("fails", own);
      assertThat(own).isEqualTo(shared);
    }

    @Test
    void throwsAnException(@Proxied(name = "own") int own) {
      ports.put("throwsAnException", own);
      throw new IllegalStateException("the test throws");
    }
  }
}
