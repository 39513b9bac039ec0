package dev.tcpunit.proxy;

import static dev.tcpunit.proxy.Wire.connect;
import static dev.tcpunit.proxy.Wire.read;
import static dev.tcpunit.proxy.Wire.readAll;
import static dev.tcpunit.proxy.Wire.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Toxics updated in place ({@link FaultProxy#update}, {@link ToxicHandle#update}): the new
 * attributes act on a connection that is already open. Each old setting would hold the test far
 * beyond its timeout, so a test passes only if the update reached the open connection.
 */
@Timeout(60)
@DisplayName("InProcessProxy: toxics updated in place act on open connections")
class InProcessProxyToxicUpdateTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private TestUpstream upstream;
  private InProcessProxy proxy;

  @BeforeEach
  void start() throws IOException {
    upstream = TestUpstream.echo();
    proxy = InProcessProxy.builder().upstream(upstream.address()).name("updates").start();
  }

  @AfterEach
  void close() throws IOException {
    proxy.close();
    upstream.close();
  }

  /** Waits, with a deadline, until the proxy has read {@code bytes} from its first client. */
  private void awaitBytesFromClient(long bytes) throws Exception {
    proxy.probe().awaitConnections(1, WAIT);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (proxy.probe().connections().get(0).bytesFromClient() < bytes) {
      assertThat(System.nanoTime()).as("proxy read %d bytes in time", bytes).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Nested
  @DisplayName("on an open connection")
  class OpenConnection {

    @Test
    @DisplayName("data held by a ten-minute latency goes out once the latency is updated to 0")
    void latencyHeldDataIsRetimed() throws Exception {
      ToxicHandle slow = proxy.add(Toxic.latency(600_000).upstream().named("slow"));
      try (Socket client = connect(proxy)) {
        send(client, "held");
        awaitBytesFromClient(4);
        slow.update(Toxic.latency(0).upstream());
        assertThat(read(client, 4)).isEqualTo("held");
        assertThat(slow.toxic()).isEqualTo(Toxic.latency(0).upstream().named("slow"));
        assertThat(proxy.toxics()).containsExactly(slow.toxic());
      }
    }

    @Test
    @DisplayName("limit_data keeps its count: a lower limit cuts the next write short")
    void limitDataKeepsCount() throws Exception {
      proxy.add(Toxic.limitData(10).named("cap"));
      try (Socket client = connect(proxy)) {
        send(client, "abcdef");
        assertThat(read(client, 6)).isEqualTo("abcdef");
        proxy.update(Toxic.limitData(8).named("cap"));
        send(client, "ghijkl");
        assertThat(readAll(client)).isEqualTo("gh");
      }
      ConnectionRecord record = proxy.probe().awaitAllClosed(WAIT).get(0);
      assertThat(record.end()).isEqualTo(ConnectionEnd.PROXY_FAULT);
      assertThat(record.bytesToClient()).isEqualTo(8);
    }

    @Test
    @DisplayName("a timeout of 0 updated to a short timeout closes the connection it holds")
    void timeoutRestartsWithTheNewValue() throws Exception {
      proxy.add(Toxic.timeout(0).upstream().named("hold"));
      try (Socket client = connect(proxy)) {
        send(client, "lost");
        awaitBytesFromClient(4);
        proxy.update(Toxic.timeout(600_000).upstream().named("hold"));
        assertThat(proxy.probe().connections().get(0).isOpen()).isTrue();
        proxy.update(Toxic.timeout(50).upstream().named("hold"));
        ConnectionRecord record = proxy.probe().awaitAllClosed(WAIT).get(0);
        assertThat(record.end()).isEqualTo(ConnectionEnd.TIMEOUT);
        assertThat(record.bytesToClient()).isZero();
      }
    }

    @Test
    @DisplayName("a toxicity raised from 0 to 1 makes a reset_peer act on the open connection")
    void toxicityIsDrawnAgain() throws Exception {
      proxy.add(Toxic.resetPeer(0).upstream().toxicity(0.0).named("reset"));
      try (Socket client = connect(proxy)) {
        send(client, "ok");
        assertThat(read(client, 2)).isEqualTo("ok");
        proxy.update(Toxic.resetPeer(0).upstream().toxicity(1.0).named("reset"));
        send(client, "boom");
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> readAll(client));
      } catch (SocketException resetOnClose) {
        // the reset may also surface when the client closes
      }
      assertThat(proxy.probe().awaitAllClosed(WAIT).get(0).end())
          .isEqualTo(ConnectionEnd.PROXY_FAULT);
    }

    @Test
    @DisplayName("a bandwidth of 1 KB/s raised to 100 MB/s lets 200 KB through at once")
    void bandwidthTakesTheNewRate() throws Exception {
      ToxicHandle narrow = proxy.add(Toxic.bandwidth(1));
      byte[] payload = new byte[200_000];
      Arrays.fill(payload, (byte) 'x');
      try (Socket client = connect(proxy)) {
        client.setSoTimeout((int) WAIT.toMillis());
        CompletableFuture<Void> written =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    client.getOutputStream().write(payload);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
        InputStream in = client.getInputStream();
        assertThat(in.read()).isEqualTo('x');
        narrow.update(Toxic.bandwidth(100_000));
        assertThat(in.readNBytes(payload.length - 1)).hasSize(payload.length - 1);
        written.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
    }
  }

  @Nested
  @DisplayName("rejected updates")
  class Rejected {

    @Test
    @DisplayName("a name not in place, another type and another stream are refused")
    void wrongTarget() {
      proxy.add(Toxic.latency(100).named("slow"));
      assertThatExceptionOfType(IllegalArgumentException.class)
          .isThrownBy(() -> proxy.update(Toxic.latency(5).named("fast")))
          .withMessage(
              "name: fast (expected: one of the toxics in place in proxy updates: [slow])");
      assertThatExceptionOfType(IllegalArgumentException.class)
          .isThrownBy(() -> proxy.update(Toxic.bandwidth(5).named("slow")))
          .withMessage(
              "toxic: slow(bandwidth, downstream, toxicity 1.0, {rate=5}) (expected: a latency"
                  + " toxic on the downstream stream, as slow of proxy updates is; an update"
                  + " changes attributes and toxicity only: remove the toxic and add the new one"
                  + " to change its type or stream)");
      assertThatExceptionOfType(IllegalArgumentException.class)
          .isThrownBy(() -> proxy.update(Toxic.latency(5).upstream().named("slow")))
          .withMessageStartingWith("toxic: slow(latency, upstream,");
      assertThat(proxy.toxics()).containsExactly(Toxic.latency(100).named("slow"));
    }

    @Test
    @DisplayName("a removed toxic's handle refuses an update; a closed proxy too")
    void removedOrClosed() {
      ToxicHandle handle = proxy.add(Toxic.latency(100));
      handle.remove();
      assertThatExceptionOfType(IllegalStateException.class)
          .isThrownBy(() -> handle.update(Toxic.latency(5)))
          .withMessage("Toxic latency_downstream was already removed from proxy updates");
      ToxicHandle other = proxy.add(Toxic.latency(100));
      proxy.close();
      assertThatExceptionOfType(IllegalStateException.class)
          .isThrownBy(() -> other.update(Toxic.latency(5)))
          .withMessage("Proxy updates is closed");
    }

    @Test
    @DisplayName("null is named")
    void nulls() {
      ToxicHandle handle = proxy.add(Toxic.latency(100));
      assertThatExceptionOfType(NullPointerException.class)
          .isThrownBy(() -> proxy.update(null))
          .withMessage("toxic");
      assertThatExceptionOfType(NullPointerException.class)
          .isThrownBy(() -> handle.update(null))
          .withMessage("toxic");
    }
  }
}
