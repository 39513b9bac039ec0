package dev.tcpunit.junit;

import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.proxy.FaultProxy;
import dev.tcpunit.server.ConnectionScript;
import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.Scripts;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;

/**
 * The bad declarations of {@link BadInputCatalogueTests}: one fixture per rejected declaration,
 * each with a single test, run through {@link TestKit} only.
 */
final class BadInputFixtures {

  private BadInputFixtures() {}

  // @TcpServer: types and modifiers.

  @Fixture
  static class StringFieldTestCase {
    @TcpServer String server;

    @Test
    void test() {}
  }

  @Fixture
  static class StaticIntegerFieldTestCase {
    @TcpServer static Integer port;

    @Test
    void test() {}
  }

  @Fixture
  static class LongParameterTestCase {
    @Test
    void test(@TcpServer long port) {}
  }

  @Fixture
  static class FinalFieldTestCase {
    @TcpServer final ScriptedServer server = null;

    @Test
    void test() {}
  }

  // @TcpServer: attributes.

  @Fixture
  static class NegativePortTestCase {
    @TcpServer(port = -1)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class LargePortParameterTestCase {
    @Test
    void test(@TcpServer(port = 65_536) InetSocketAddress address) {}
  }

  @Fixture
  static class LowStatusTestCase {
    @TcpServer(httpStatus = 42)
    URI uri;

    @Test
    void test() {}
  }

  @Fixture
  static class HighStatusTestCase {
    @TcpServer(httpStatus = 1000)
    URI uri;

    @Test
    void test() {}
  }

  @Fixture
  static class BodyWithoutStatusTestCase {
    @TcpServer(httpBody = "ok")
    URI uri;

    @Test
    void test() {}
  }

  @Fixture
  static class ReplyAndScriptTestCase {
    @TcpServer(reply = "hi", script = EchoScript.class)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class StatusAndHangTestCase {
    @TcpServer(httpStatus = 200, hang = true)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class NegativeResetFirstTestCase {
    @TcpServer(resetFirst = -1)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class LargeCloseFirstTestCase {
    @TcpServer(closeFirst = 10_001)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class ResetAndCloseFirstTestCase {
    @TcpServer(resetFirst = 1, closeFirst = 2)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class ValueAndNameTestCase {
    @TcpServer(value = "a", name = "b")
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class SpacedNameTestCase {
    @TcpServer("api ")
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class NameConfiguredTwiceTestCase {
    @TcpServer(value = "api", httpStatus = 200)
    ScriptedServer server;

    @Test
    void test(@TcpServer(value = "api", httpStatus = 503) URI uri) {}
  }

  // @TcpServer: script classes.

  static class EchoScript implements Supplier<ConnectionScript> {
    @Override
    public ConnectionScript get() {
      return Scripts.echo();
    }
  }

  abstract static class AbstractScript implements Supplier<ConnectionScript> {}

  interface InterfaceScript extends Supplier<ConnectionScript> {}

  static class ArgumentScript implements Supplier<ConnectionScript> {
    ArgumentScript(String reply) {}

    @Override
    public ConnectionScript get() {
      return Scripts.echo();
    }
  }

  static class ThrowingConstructorScript implements Supplier<ConnectionScript> {
    ThrowingConstructorScript() {
      throw new IllegalStateException("no script today");
    }

    @Override
    public ConnectionScript get() {
      return Scripts.echo();
    }
  }

  static class NullScript implements Supplier<ConnectionScript> {
    @Override
    public ConnectionScript get() {
      return null;
    }
  }

  static class ThrowingScript implements Supplier<ConnectionScript> {
    @Override
    public ConnectionScript get() {
      throw new IllegalArgumentException("no");
    }
  }

  @Fixture
  static class AbstractScriptTestCase {
    @TcpServer(script = AbstractScript.class)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class InterfaceScriptTestCase {
    @TcpServer(script = InterfaceScript.class)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class InnerScriptTestCase {
    @TcpServer(script = InnerScript.class)
    int port;

    @Test
    void test() {}

    class InnerScript implements Supplier<ConnectionScript> {
      @Override
      public ConnectionScript get() {
        return Scripts.echo();
      }
    }
  }

  @Fixture
  static class ArgumentScriptTestCase {
    @TcpServer(script = ArgumentScript.class)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class ThrowingConstructorTestCase {
    @TcpServer(script = ThrowingConstructorScript.class)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class NullScriptTestCase {
    @TcpServer(script = NullScript.class)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class ThrowingScriptTestCase {
    @TcpServer(script = ThrowingScript.class)
    int port;

    @Test
    void test() {}
  }

  // Plain ConnectionProbe parameters.

  @Fixture
  static class AmbiguousNamedTestCase {
    @TcpServer("a")
    int a;

    @TcpServer("b")
    int b;

    @Test
    void test(ConnectionProbe probe) {}
  }

  @Fixture
  static class AmbiguousUnnamedTestCase {
    @TcpServer int a;

    @Test
    void test(ConnectionProbe probe, @TcpServer int b) {}
  }

  @Fixture
  @ExtendWith(TcpUnitExtension.class)
  static class ProbeWithoutServerTestCase {
    @Test
    void test(ConnectionProbe probe) {}
  }

  // @ExpectReset.

  @Fixture
  static class ExpectResetWithoutServerTestCase {
    @Test
    @ExpectReset
    void test() {}
  }

  @Fixture
  static class AtLeastZeroTestCase {
    @Test
    @ExpectReset(atLeast = 0)
    void test(@TcpServer int port) {}
  }

  @Fixture
  static class AtMostBelowAtLeastTestCase {
    @Test
    @ExpectReset(atLeast = 2, atMost = 1)
    void test(@TcpServer int port) {}
  }

  @Fixture
  static class UnknownServerNameTestCase {
    @TcpServer("a")
    int a;

    @TcpServer("b")
    int b;

    @Test
    @ExpectReset(server = "c")
    void test() {}
  }

  @Fixture
  static class NoNamedServerTestCase {
    @Test
    @ExpectReset(server = "c")
    void test(@TcpServer int port) {}
  }

  /** Needs the default timeout: its configuration parameter is read then. */
  @Fixture
  static class DefaultTimeoutTestCase {
    @Test
    @ExpectReset
    void test(@TcpServer(resetFirst = 1) int port) throws Exception {
      Clients.exchange(port, "ping", 4);
    }
  }

  // @EnabledIfReachable and @DisabledIfReachable.

  @Fixture
  static class ReachablePortZeroTestCase {
    @Test
    @EnabledIfReachable(port = 0)
    void test() {}
  }

  @Fixture
  static class ReachableLargePortTestCase {
    @Test
    @EnabledIfReachable(port = 70_000)
    void test() {}
  }

  @Fixture
  static class ReachableBlankHostTestCase {
    @Test
    @DisabledIfReachable(host = " ", port = 80)
    void test() {}
  }

  @Fixture
  static class ReachableZeroTimeoutTestCase {
    @Test
    @EnabledIfReachable(port = 80, timeoutMillis = 0)
    void test() {}
  }

  @Fixture
  @DisabledIfReachable(port = 80, timeoutMillis = -5)
  static class ReachableNegativeTimeoutOnClassTestCase {
    @Test
    void test() {}
  }

  // @Proxied and @Toxic.

  static final String NOWHERE = "127.0.0.1:9";

  @Fixture
  static class ProxiedStringFieldTestCase {
    @Proxied(upstream = NOWHERE)
    String proxy;

    @Test
    void test() {}
  }

  @Fixture
  static class ProxiedFinalFieldTestCase {
    @Proxied(upstream = NOWHERE)
    final FaultProxy proxy = null;

    @Test
    void test() {}
  }

  @Fixture
  static class ProxiedUpstreamWithoutPortTestCase {
    @Test
    void test(@Proxied(upstream = "localhost") FaultProxy proxy) {}
  }

  @Fixture
  static class ProxiedUpstreamPortTooLargeTestCase {
    @Test
    void test(@Proxied(upstream = "localhost:70000") FaultProxy proxy) {}
  }

  @Fixture
  static class ProxiedUpstreamPortNamedTestCase {
    @Test
    void test(@Proxied(upstream = "localhost:http") FaultProxy proxy) {}
  }

  @Fixture
  static class ProxiedWithoutUpstreamTestCase {
    @Test
    void test(@Proxied FaultProxy proxy) {}
  }

  @Fixture
  static class ProxiedNotAContainerTestCase {
    @Proxied(port = 6379)
    Object redis = new Object();

    @Test
    void test() {}
  }

  @Fixture
  static class ProxiedTcpunitToxicOnToxiproxyTestCase {
    @Proxied(backend = Proxied.Backend.TOXIPROXY)
    @Toxic(type = "black_hole")
    static GenericContainer<?> echo = Containers.echo(Containers.newLabel());

    @Test
    void test() {}
  }

  @Fixture
  static class ProxiedImageWithoutToxiproxyTestCase {
    @Proxied(toxiproxyImage = "ghcr.io/shopify/toxiproxy:2.12.0")
    static GenericContainer<?> echo = Containers.echo(Containers.newLabel());

    @Test
    void test() {}
  }

  @Fixture
  static class ProxiedSeedOnToxiproxyTestCase {
    @Proxied(backend = Proxied.Backend.TOXIPROXY, seed = "42")
    static GenericContainer<?> echo = Containers.echo(Containers.newLabel());

    @Test
    void test() {}
  }

  @Fixture
  static class ProxiedContainerSeedTestCase {
    @Proxied(seed = "0x2a")
    static GenericContainer<?> echo = Containers.echo(Containers.newLabel());

    @Test
    void test() {}
  }

  @Fixture
  static class ProxiedBadImageTestCase {
    @Proxied(backend = Proxied.Backend.TOXIPROXY, toxiproxyImage = "Toxi Proxy!")
    static GenericContainer<?> echo = Containers.echo(Containers.newLabel());

    @Test
    void test() {}
  }

  @Fixture
  static class ProxiedBadImageParameterTestCase {
    @Proxied(backend = Proxied.Backend.TOXIPROXY)
    static GenericContainer<?> echo = Containers.echo(Containers.newLabel());

    @Test
    void test() {}
  }

  @Fixture
  static class ToxicNotNameValueTestCase {
    @Test
    void test(
        @Proxied(upstream = NOWHERE) @Toxic(type = "latency", attributes = "100")
            FaultProxy proxy) {}
  }

  @Fixture
  static class ToxicInvalidValueTestCase {
    @Proxied(upstream = NOWHERE)
    FaultProxy proxy;

    @Test
    @Toxic(type = "latency", attributes = "latency=-5")
    void test() {}
  }

  @Fixture
  static class ToxicUnknownTypeTestCase {
    @Proxied(upstream = NOWHERE)
    @Toxic(type = "nope")
    FaultProxy proxy;

    @Test
    void test() {}
  }

  @Fixture
  static class ToxicUnknownAttributeTestCase {
    @Proxied(upstream = NOWHERE)
    @Toxic(type = "latency", attributes = "rate=5")
    FaultProxy proxy;

    @Test
    void test() {}
  }

  @Fixture
  static class ToxicToxicityTestCase {
    @Proxied(upstream = NOWHERE)
    @Toxic(type = "black_hole", toxicity = 1.5)
    FaultProxy proxy;

    @Test
    void test() {}
  }

  @Fixture
  static class ToxicSameNameTwiceTestCase {
    @Proxied(upstream = NOWHERE)
    @Toxic(type = "latency", attributes = "latency=5")
    @Toxic(type = "latency", attributes = "latency=10")
    FaultProxy proxy;

    @Test
    void test() {}
  }

  @Fixture
  static class ToxicWithoutProxyTestCase {
    @Test
    @Toxic(type = "black_hole")
    void test() {}
  }

  @Fixture
  static class ToxicAmbiguousProxyTestCase {
    @Proxied(upstream = NOWHERE)
    FaultProxy a;

    @Proxied(upstream = NOWHERE)
    FaultProxy b;

    @Test
    @Toxic(type = "black_hole")
    void test() {}
  }

  @Fixture
  static class ToxicUnknownProxyTestCase {
    @Proxied(upstream = NOWHERE, name = "a")
    FaultProxy a;

    @Test
    @Toxic(type = "black_hole", proxy = "db")
    void test() {}
  }

  // @ToxiproxyServer: types and modifiers.

  @Fixture
  static class ToxiproxyStringFieldTestCase {
    @ToxiproxyServer String client;

    @Test
    void test() {}
  }

  @Fixture
  static class ToxiproxyFinalFieldTestCase {
    @ToxiproxyServer final ToxiproxyClient client = null;

    @Test
    void test() {}
  }

  @Fixture
  static class ToxiproxyUriParameterTestCase {
    @Test
    void test(@ToxiproxyServer URI uri) {}
  }
}
