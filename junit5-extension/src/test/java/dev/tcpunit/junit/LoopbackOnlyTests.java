package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.os.SocketTable;
import dev.tcpunit.os.TcpSocket;
import dev.tcpunit.os.TcpState;
import dev.tcpunit.proxy.FaultProxy;
import dev.tcpunit.server.ScriptedServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the extension starts listens on loopback only, as the kernel's socket table shows. */
@Timeout(60)
@DisplayName("@TcpServer and @Proxied listen on loopback only")
class LoopbackOnlyTests {

  @Test
  void injectedServersAndProxiesListenOnLoopback() {
    TestKit.Outcomes outcomes = TestKit.run(InjectedTestCase.class);
    assertThat(outcomes.failed()).isEmpty();
    assertThat(outcomes.succeeded()).containsExactly("test");
  }

  /** Asserts that this process listens on the port, on loopback addresses only. */
  static void assertListensOnLoopbackOnly(int port) {
    List<TcpSocket> listeners =
        SocketTable.read().ofThisProcess().localPort(port).inState(TcpState.LISTEN).sockets();
    assertThat(listeners)
        .as("listening sockets of this process on port %d", port)
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.local().getAddress().isLoopbackAddress()).isTrue());
  }

  // Fixtures: run through TestKit only.

  @Fixture
  static class InjectedTestCase {
    @TcpServer ScriptedServer field;

    @Test
    void test(
        @TcpServer("p") InetSocketAddress address,
        @TcpServer("p") URI uri,
        @Proxied(upstream = "127.0.0.1:9") FaultProxy proxy)
        throws Exception {
      assertThat(field.address().getAddress().isLoopbackAddress()).isTrue();
      assertThat(address.getAddress().isLoopbackAddress()).isTrue();
      assertThat(InetAddress.getByName(uri.getHost()).isLoopbackAddress()).isTrue();
      assertThat(proxy.listenAddress().getAddress().isLoopbackAddress()).isTrue();
      for (int port : List.of(field.port(), address.getPort(), proxy.listenAddress().getPort())) {
        assertListensOnLoopbackOnly(port);
      }
    }
  }
}
