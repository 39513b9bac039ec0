package dev.tcpunit.proxy;

import static dev.tcpunit.proxy.Wire.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionRecord;
import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.Scripts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Inputs that used to end in a hang or an overflow deep inside, and now get a clear answer. */
@Timeout(30)
@DisplayName("Edge inputs with a clear outcome")
class InProcessProxyEdgeInputTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  @DisplayName("an unresolved upstream resets each client and says why in the probe")
  void unresolvedUpstream() throws Exception {
    InetSocketAddress unresolved = InetSocketAddress.createUnresolved("upstream.invalid", 80);
    try (InProcessProxy proxy = InProcessProxy.builder().upstream(unresolved).start()) {
      // The reset can arrive before connect() has finished, or after: either way it is a reset.
      assertThatExceptionOfType(SocketException.class)
          .isThrownBy(
              () -> {
                try (Socket client = connect(proxy)) {
                  client.getInputStream().read();
                }
              })
          .withMessageContaining("reset");
      ConnectionRecord record = proxy.probe().awaitAllClosed(WAIT).get(0);
      assertThat(record.end()).isEqualTo(ConnectionEnd.PROXY_FAULT);
      assertThat(record.detail())
          .isEqualTo("upstream " + unresolved + " unreachable: its host name was not resolved");
    }
  }

  @Test
  @DisplayName("resetAll, disable and removeAll do nothing once the proxy is closed")
  void controlAfterClose() {
    InProcessProxy proxy =
        InProcessProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9));
    proxy.add(Toxic.latency(5));
    proxy.close();
    proxy.resetAll();
    proxy.disable();
    proxy.removeAll();
    assertThat(proxy.isEnabled()).isFalse();
    assertThat(proxy.toxics()).isEmpty();
  }

  @Test
  @DisplayName("awaits with timeouts too long for nanoseconds wait instead of overflowing")
  void hugeAwaitTimeouts() throws Exception {
    Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
    try (ScriptedServer server = ScriptedServer.start(Scripts.http(200, "ok"))) {
      try (Socket client = connect(server.address())) {
        client
            .getOutputStream()
            .write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(server.probe().awaitConnections(1, forever)).hasSize(1);
        assertThat(server.awaitRequest(1, forever).target()).isEqualTo("/");
      }
      assertThat(server.probe().awaitAllClosed(forever)).hasSize(1);
    }
  }
}
