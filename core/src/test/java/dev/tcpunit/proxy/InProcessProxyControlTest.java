package dev.tcpunit.proxy;

import static dev.tcpunit.proxy.Wire.connect;
import static dev.tcpunit.proxy.Wire.readAll;
import static dev.tcpunit.proxy.Wire.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionRecord;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class InProcessProxyControlTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private TestUpstream upstream;
  private InProcessProxy proxy;

  @BeforeEach
  void start() throws IOException {
    upstream = TestUpstream.echo();
    proxy = InProcessProxy.builder().upstream(upstream.address()).name("control").start();
  }

  @AfterEach
  void close() throws IOException {
    proxy.close();
    upstream.close();
  }

  @Nested
  @DisplayName("enable, disable, reset")
  class Lifecycle {

    @Test
    void disableRefusesAndDropsThenEnableListensOnTheSamePort() throws Exception {
      try (Socket client = connect(proxy)) {
        roundTrip(client, "x");

        proxy.disable();

        assertThat(proxy.isEnabled()).isFalse();
        assertThat(readAll(client)).isEmpty();
        assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(proxy));
      }
      proxy.enable();
      try (Socket client = connect(proxy)) {
        assertThat(roundTrip(client, "again")).isPositive();
      }
      assertThat(proxy.probe().connection(1).end()).isEqualTo(ConnectionEnd.PROXY_FAULT);
      assertThat(proxy.probe().connection(1).detail()).isEqualTo("proxy disabled");
    }

    @Test
    void aDisabledProxyKeepsItsPortFromOtherListeners() throws Exception {
      proxy.disable();

      try (ServerSocket other = new ServerSocket()) {
        other.setReuseAddress(false);
        assertThatExceptionOfType(BindException.class)
            .isThrownBy(() -> other.bind(proxy.listenAddress()));
      }
      assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(proxy));
      proxy.enable();
      try (Socket client = connect(proxy)) {
        assertThat(roundTrip(client, "back")).isPositive();
      }
    }

    @Test
    void resetAllResetsOpenConnections() throws Exception {
      try (Socket client = connect(proxy)) {
        roundTrip(client, "x");

        proxy.resetAll();

        assertThatExceptionOfType(SocketException.class)
            .isThrownBy(() -> client.getInputStream().read())
            .withMessageContaining("reset");
      }
      assertThat(proxy.probe().connection(1).detail()).isEqualTo("resetAll");
    }

    @Test
    void closeIsIdempotentAndRefusesAdds() {
      proxy.close();
      proxy.close();

      assertThatIllegalStateException()
          .isThrownBy(() -> proxy.add(Toxic.latency(1)))
          .withMessage("Proxy control is closed");
    }
  }

  @Nested
  @DisplayName("connection-level toxics")
  class ConnectionLevel {

    @Test
    void refuseConnectionsStopsListeningUntilRemoved() throws Exception {
      ToxicHandle refuse = proxy.add(Toxic.refuseConnections());
      assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(proxy));

      refuse.remove();

      try (Socket client = connect(proxy)) {
        assertThat(roundTrip(client, "x")).isPositive();
      }
    }

    @Test
    void maxConnectionsResetsTheOnesBeyond() throws Exception {
      proxy.add(Toxic.maxConnections(1));
      try (Socket first = connect(proxy)) {
        assertThat(roundTrip(first, "x")).isPositive();
        // The reset may reach the client while its connect() still completes, or on the read.
        assertThatExceptionOfType(SocketException.class)
            .isThrownBy(
                () -> {
                  try (Socket second = connect(proxy)) {
                    second.getInputStream().read();
                  }
                });
      }
      assertThat(proxy.probe().connection(2).end()).isEqualTo(ConnectionEnd.PROXY_FAULT);
      assertThat(proxy.probe().connection(2).detail()).isEqualTo("max_connections");
    }
  }

  @Nested
  @DisplayName("seeded randomness")
  class Seeds {

    private List<ConnectionEnd> ends(long seed) throws Exception {
      try (InProcessProxy seeded =
          InProcessProxy.builder()
              .upstream(upstream.address())
              .seed(seed)
              .toxic(Toxic.refuseConnections().toxicity(0.5))
              .start()) {
        for (int i = 0; i < 12; i++) {
          try (Socket client = connect(seeded)) {
            client.getOutputStream().write('x');
            client.getInputStream().read();
          } catch (SocketException refused) {
            // half of them, drawn from the seed
          }
        }
        List<ConnectionEnd> ends = new ArrayList<>();
        for (ConnectionRecord record : seeded.probe().awaitAllClosed(WAIT)) {
          ends.add(record.end() == ConnectionEnd.PROXY_FAULT ? record.end() : ConnectionEnd.OPEN);
        }
        assertThat(seeded.probe().timeline()).contains("random seed " + seed);
        return ends;
      }
    }

    @Test
    void sameSeedSameDecisions() throws Exception {
      List<ConnectionEnd> first = ends(42);

      assertThat(first).contains(ConnectionEnd.PROXY_FAULT, ConnectionEnd.OPEN);
      assertThat(ends(42)).isEqualTo(first);
    }
  }

  @Nested
  @DisplayName("bad input")
  class BadInput {

    @Test
    void duplicateName() {
      proxy.add(Toxic.latency(1));

      assertThatIllegalArgumentException()
          .isThrownBy(() -> proxy.add(Toxic.latency(2)))
          .withMessage(
              "name: latency_downstream (expected: a toxic name not in use by proxy control;"
                  + " remove that toxic first, or give this one another name with named(...))");
    }

    @Test
    void unknownName() {
      proxy.add(Toxic.latency(1));

      assertThatIllegalArgumentException()
          .isThrownBy(() -> proxy.remove("latency"))
          .withMessage(
              "name: latency (expected: one of the toxics in place in proxy control:"
                  + " [latency_downstream])");
    }

    @Test
    void removedTwice() throws Exception {
      ToxicHandle handle = proxy.add(Toxic.latency(1));
      handle.remove();

      assertThatIllegalStateException()
          .isThrownBy(handle::remove)
          .withMessage("Toxic latency_downstream was already removed from proxy control");
      handle.close();
      try (Socket client = connect(proxy)) {
        assertThat(roundTrip(client, "still serving")).isPositive();
      }
    }

    @Test
    void missingUpstream() {
      assertThatIllegalStateException()
          .isThrownBy(() -> InProcessProxy.builder().start())
          .withMessage(
              "InProcessProxy.builder() requires an upstream: call upstream(address) before"
                  + " start()");
    }

    @Test
    void listsToxicsInOrder() {
      proxy.add(Toxic.latency(1));
      proxy.add(Toxic.blackHole().upstream());

      assertThat(proxy.toxics()).containsExactly(Toxic.latency(1), Toxic.blackHole().upstream());
      proxy.removeAll();
      assertThat(proxy.toxics()).isEmpty();
    }
  }
}
