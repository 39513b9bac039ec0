package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.proxy.Direction;
import dev.tcpunit.proxy.FaultProxy;
import dev.tcpunit.proxy.InProcessProxy;
import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.Scripts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;

@Timeout(60)
@DisplayName("@Proxied and @Toxic")
@EnabledIf(value = "upstreamIsRunning", disabledReason = "port 29613 is taken on this machine")
class ProxiedTests {

  /** The fixtures' upstream: an echo server on a fixed port, since annotations need constants. */
  static final String UPSTREAM = "127.0.0.1:29613";

  private static ScriptedServer upstream;

  @BeforeAll
  static void startUpstream() {
    upstreamIsRunning();
  }

  static synchronized boolean upstreamIsRunning() {
    if (upstream == null) {
      try {
        upstream =
            ScriptedServer.builder()
                .host(InetAddress.getLoopbackAddress())
                .port(29_613)
                .scripts(List.of(Scripts.echo()))
                .start();
      } catch (UncheckedIOException taken) {
        return false;
      }
    }
    return true;
  }

  @AfterAll
  static synchronized void stopUpstream() {
    if (upstream != null) {
      upstream.close();
      upstream = null;
    }
  }

  static void assertRelays(FaultProxy proxy) throws IOException {
    assertThat(Clients.exchange(proxy.listenAddress().getPort(), "hello", 5)).isEqualTo("hello");
  }

  @Nested
  @DisplayName("injection")
  class Injection {

    @Test
    void instanceFieldsGetANewProxyPerTest() {
      InstanceFieldTestCase.proxies.clear();
      TestKit.Outcomes outcomes = TestKit.run(InstanceFieldTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("first", "second");
      assertThat(InstanceFieldTestCase.proxies).hasSize(2).allMatch(p -> !p.isEnabled());
    }

    @Test
    void staticFieldsServeTheClass() {
      StaticFieldTestCase.proxies.clear();
      TestKit.Outcomes outcomes = TestKit.run(StaticFieldTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("first", "second");
      assertThat(StaticFieldTestCase.proxies).hasSize(1);
    }

    @Test
    void parametersCarryTheirToxicsFromTheStart() {
      TestKit.Outcomes outcomes = TestKit.run(ParameterTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("test");
    }
  }

  @Nested
  @DisplayName("toxics on methods and classes")
  class MethodsAndClasses {

    @Test
    void areAddedForOneTest() {
      TestKit.Outcomes outcomes = TestKit.run(MethodToxicTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("withToxics", "without");
    }

    @Test
    void pickTheirProxyByName() {
      TestKit.Outcomes outcomes = TestKit.run(NamedProxiesTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("test");
    }
  }

  @Fixture
  static class InstanceFieldTestCase {
    static final List<FaultProxy> proxies = new CopyOnWriteArrayList<>();

    @Proxied(upstream = UPSTREAM)
    FaultProxy proxy;

    @Test
    void first() throws IOException {
      proxies.add(proxy);
      assertRelays(proxy);
      assertThat(proxy.probe().count()).isEqualTo(1);
    }

    @Test
    void second() throws IOException {
      first();
    }
  }

  @Fixture
  static class StaticFieldTestCase {
    static final List<FaultProxy> proxies = new CopyOnWriteArrayList<>();

    @Proxied(upstream = UPSTREAM)
    static InProcessProxy proxy;

    @Test
    void first() throws IOException {
      if (!proxies.contains(proxy)) {
        proxies.add(proxy);
      }
      assertRelays(proxy);
    }

    @Test
    void second() throws IOException {
      first();
    }
  }

  @Fixture
  static class ParameterTestCase {
    @Test
    void test(
        @Proxied(upstream = UPSTREAM, seed = "42")
            @Toxic(type = "latency", attributes = "latency=100")
            @Toxic(type = "limit_data", stream = Direction.UPSTREAM, attributes = "bytes=1000")
            FaultProxy proxy)
        throws IOException {
      assertThat(proxy.seed()).isEqualTo(42);
      assertThat(proxy.toxics())
          .extracting(dev.tcpunit.proxy.Toxic::name)
          .containsExactly("latency_downstream", "limit_data_upstream");
      long start = System.nanoTime();
      assertRelays(proxy);
      assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(100_000_000L);
    }
  }

  @Fixture
  @Toxic(type = "slicer", attributes = "average_size=1")
  static class MethodToxicTestCase {
    @Proxied(upstream = UPSTREAM)
    static FaultProxy proxy;

    @Test
    @Toxic(
        type = "latency",
        attributes = {"latency=50", "jitter=5"},
        toxicity = 0.5)
    void withToxics() throws IOException {
      assertThat(proxy.toxics())
          .containsExactly(
              dev.tcpunit.proxy.Toxic.slicer(1),
              dev.tcpunit.proxy.Toxic.latency(50).jitter(5).toxicity(0.5));
      assertRelays(proxy);
    }

    @Test
    void without() {
      assertThat(proxy.toxics()).containsExactly(dev.tcpunit.proxy.Toxic.slicer(1));
    }
  }

  @Fixture
  static class NamedProxiesTestCase {
    @Proxied(upstream = UPSTREAM, name = "a")
    FaultProxy a;

    @Proxied(upstream = UPSTREAM, name = "b")
    FaultProxy b;

    @Test
    @Toxic(type = "black_hole", proxy = "b")
    void test() {
      assertThat(a.toxics()).isEmpty();
      assertThat(b.toxics()).containsExactly(dev.tcpunit.proxy.Toxic.blackHole());
      assertThat(b.name()).isEqualTo("b");
    }
  }
}
