package dev.tcpunit.proxy;

import static dev.tcpunit.proxy.Wire.connect;
import static dev.tcpunit.proxy.Wire.millisSince;
import static dev.tcpunit.proxy.Wire.read;
import static dev.tcpunit.proxy.Wire.readAll;
import static dev.tcpunit.proxy.Wire.roundTrip;
import static dev.tcpunit.proxy.Wire.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionRecord;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every stream toxic's effect on the wire, through the proxy to an echo server. */
@Timeout(30)
class InProcessProxyToxicsTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final long MS = 1_000_000;

  private TestUpstream upstream;
  private InProcessProxy proxy;

  @BeforeEach
  void start() throws IOException {
    upstream = TestUpstream.echo();
    proxy = InProcessProxy.builder().upstream(upstream.address()).name("toxics").start();
  }

  @AfterEach
  void close() throws IOException {
    proxy.close();
    upstream.close();
  }

  private ConnectionRecord onlyRecord() throws Exception {
    return proxy.probe().awaitAllClosed(WAIT).get(0);
  }

  @Nested
  @DisplayName("Toxiproxy's toxics")
  class Toxiproxys {

    @Test
    void latencyDelaysEveryChunkEachWay() throws Exception {
      proxy.add(Toxic.latency(100));
      proxy.add(Toxic.latency(50).upstream());
      try (Socket client = connect(proxy)) {
        assertThat(roundTrip(client, "a")).isGreaterThanOrEqualTo(150 * MS);
        assertThat(roundTrip(client, "b")).isGreaterThanOrEqualTo(150 * MS);
      }
    }

    @Test
    void bandwidthCapsTheRate() throws Exception {
      proxy.add(Toxic.bandwidth(100)); // 100 KB/s: 50 KB take at least half a second
      try (Socket client = connect(proxy)) {
        long start = System.nanoTime();
        send(client, "x".repeat(50_000));
        assertThat(read(client, 50_000)).hasSize(50_000);
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(450);
      }
    }

    @Test
    void slowCloseHoldsTheFin() throws Exception {
      proxy.add(Toxic.slowClose(300));
      try (Socket client = connect(proxy)) {
        send(client, "bye");
        // Taken before the FIN leaves: the proxy's delay starts after it, however late this runs.
        long start = System.nanoTime();
        client.shutdownOutput();
        assertThat(readAll(client)).isEqualTo("bye");
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(290);
      }
      assertThat(onlyRecord().end()).isEqualTo(ConnectionEnd.CLIENT_FIN);
    }

    @Test
    void timeoutStopsDataThenCloses() throws Exception {
      proxy.add(Toxic.timeout(300));
      // The timeout runs from the proxy's accept, which may come before connect() returns here.
      long start = System.nanoTime();
      try (Socket client = connect(proxy)) {
        send(client, "lost");
        assertThat(readAll(client)).isEmpty();
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(290);
      }
      ConnectionRecord record = onlyRecord();
      assertThat(record.end()).isEqualTo(ConnectionEnd.TIMEOUT);
      assertThat(record.detail()).isEqualTo("timeout_downstream");
    }

    @Test
    void timeoutZeroHoldsUntilRemovedWhichCloses() throws Exception {
      ToxicHandle timeout = proxy.add(Toxic.timeout(0));
      try (Socket client = connect(proxy)) {
        send(client, "lost");
        client.setSoTimeout(300);
        assertThatExceptionOfType(SocketTimeoutException.class)
            .isThrownBy(() -> client.getInputStream().read());
        // The proxy may not have accepted yet on a busy machine: removing the toxic closes only
        // the connections it holds.
        proxy.probe().awaitConnections(1, WAIT);

        timeout.remove();

        client.setSoTimeout(10_000);
        assertThat(readAll(client)).isEmpty();
      }
      assertThat(onlyRecord().detail()).isEqualTo("timeout_downstream removed");
    }

    @Test
    void resetPeerSendsARealResetAfterTheFirstData() throws Exception {
      proxy.add(Toxic.resetPeer(200).upstream());
      try (Socket client = connect(proxy)) {
        long start = System.nanoTime();
        send(client, "x");
        assertThatExceptionOfType(SocketException.class)
            .isThrownBy(() -> client.getInputStream().read())
            .withMessageContaining("reset");
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(190);
      }
      ConnectionRecord record = onlyRecord();
      assertThat(record.end()).isEqualTo(ConnectionEnd.PROXY_FAULT);
      assertThat(record.detail()).isEqualTo("reset_peer_upstream");
    }

    @Test
    void slicerDeliversInDelayedPieces() throws Exception {
      proxy.add(Toxic.slicer(10).sizeVariation(3).delayMicros(20_000));
      try (Socket client = connect(proxy)) {
        long start = System.nanoTime();
        String text = "0123456789".repeat(10);
        send(client, text);
        assertThat(read(client, 100)).isEqualTo(text);
        // about 100 / 10 pieces with 20 ms after each: at least 6 delays even if sizes ran high
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(6 * 20);
      }
    }

    @Test
    void limitDataLetsBytesThroughThenCloses() throws Exception {
      proxy.add(Toxic.limitData(4));
      try (Socket client = connect(proxy)) {
        send(client, "abcdefgh");
        assertThat(readAll(client)).isEqualTo("abcd");
      }
      ConnectionRecord record = onlyRecord();
      assertThat(record.end()).isEqualTo(ConnectionEnd.PROXY_FAULT);
      assertThat(record.detail()).isEqualTo("limit_data_downstream");
    }
  }

  @Nested
  @DisplayName("tcpunit's toxics")
  class Tcpunits {

    @Test
    void blackHoleSwallowsTheAnswerAndKeepsTheConnectionOpen() throws Exception {
      ToxicHandle hole = proxy.add(Toxic.blackHole());
      try (Socket client = connect(proxy)) {
        send(client, "lost");
        client.setSoTimeout(300);
        assertThatExceptionOfType(SocketTimeoutException.class)
            .isThrownBy(() -> client.getInputStream().read());
        assertThat(proxy.probe().awaitConnections(1, WAIT).get(0).isOpen()).isTrue();

        hole.remove();
        client.setSoTimeout(10_000);
        assertThat(roundTrip(client, "back")).isPositive();
      }
    }

    @Test
    void corruptFlipsBits() throws Exception {
      proxy.add(Toxic.corrupt(1.0).upstream());
      try (Socket client = connect(proxy)) {
        client.getOutputStream().write(new byte[] {0x00, (byte) 0xF0});
        assertThat(client.getInputStream().readNBytes(2)).containsExactly(0xFF, 0x0F);
      }
    }

    @Test
    void connectDelayHoldsTheUpstreamConnect() throws Exception {
      proxy.add(Toxic.connectDelay(300));
      // The delay runs from the proxy's accept, which may come before connect() returns here.
      long start = System.nanoTime();
      try (Socket client = connect(proxy)) {
        assertThat(roundTrip(client, "x")).isPositive();
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(250);
      }
    }
  }

  @Nested
  @DisplayName("live changes")
  class Live {

    @Test
    void addedAndRemovedToxicsApplyToOpenConnections() throws Exception {
      try (Socket client = connect(proxy)) {
        roundTrip(client, "warm");
        // Long enough that a busy machine's round trip without it never comes close.
        ToxicHandle latency = proxy.add(Toxic.latency(2_000));
        assertThat(roundTrip(client, "slow")).isGreaterThanOrEqualTo(2_000 * MS);

        latency.remove();

        assertThat(roundTrip(client, "fast")).isLessThan(2_000 * MS);
        assertThat(latency.isActive()).isFalse();
      }
    }

    @Test
    void removingLatencyReleasesWhatItHeld() throws Exception {
      ToxicHandle latency = proxy.add(Toxic.latency(60_000));
      try (Socket client = connect(proxy)) {
        send(client, "held");
        proxy.probe().awaitConnections(1, WAIT);

        latency.close();

        assertThat(read(client, 4)).isEqualTo("held");
      }
    }
  }
}
