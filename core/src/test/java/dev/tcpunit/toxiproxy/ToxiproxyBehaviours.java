package dev.tcpunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionRecord;
import dev.tcpunit.proxy.Direction;
import dev.tcpunit.proxy.Toxic;
import dev.tcpunit.proxy.ToxicHandle;
import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.Scripts;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a {@link ToxiproxyProxy} does, whichever Toxiproxy server is behind it: the same tests run
 * against the embedded server and, when {@code TOXIPROXY_URL} is set, against a real one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class ToxiproxyBehaviours {

  private ScriptedServer echo;
  private ToxiproxyProxy proxy;

  /** The API of the server under test. */
  abstract String toxiproxyUrl();

  @BeforeEach
  void start() {
    echo = ScriptedServer.start(Scripts.echo());
    proxy = ToxiproxyProxy.start(toxiproxyUrl(), echo.address());
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    echo.close();
  }

  @Test
  @DisplayName("relays data both ways, and the probe records each connection and how it ended")
  void relays() throws Exception {
    try (Wire wire = Wire.connect(proxy.listenAddress())) {
      assertThat(wire.echo("ping")).isEqualTo("ping");
    }
    List<ConnectionRecord> records = proxy.probe().awaitAllClosed(Duration.ofSeconds(10));
    assertThat(records).hasSize(1);
    assertThat(records.get(0).end()).isEqualTo(ConnectionEnd.CLIENT_FIN);
  }

  @Test
  @DisplayName("latency delays what comes back by at least its setting")
  void latency() throws IOException {
    proxy.add(Toxic.latency(250));
    try (Wire wire = Wire.connect(proxy.listenAddress())) {
      long start = System.nanoTime();
      assertThat(wire.echo("slow")).isEqualTo("slow");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }
  }

  @Test
  @DisplayName("a toxic at toxicity 0 never applies")
  void toxicityZero() throws IOException {
    proxy.add(Toxic.timeout(0).toxicity(0.0));
    try (Wire wire = Wire.connect(proxy.listenAddress())) {
      assertThat(wire.echo("through")).isEqualTo("through");
    }
  }

  @Test
  @DisplayName("limit_data closes the connection after its bytes")
  void limitData() throws Exception {
    proxy.add(Toxic.limitData(3));
    try (Wire wire = Wire.connect(proxy.listenAddress())) {
      wire.write("abcdef");
      assertThat(wire.readToEnd()).isEqualTo("abc");
    }
    assertThat(proxy.probe().awaitAllClosed(Duration.ofSeconds(10))).hasSize(1);
  }

  @Test
  @DisplayName("timeout 0 swallows data until removed")
  void timeout() throws IOException {
    ToxicHandle handle = proxy.add(Toxic.timeout(0).upstream());
    try (Wire wire = Wire.connect(proxy.listenAddress())) {
      wire.write("void");
      assertThat(wire.silentFor(300)).isTrue();
    }
    handle.remove();
    assertThat(handle.isActive()).isFalse();
    try (Wire wire = Wire.connect(proxy.listenAddress())) {
      assertThat(wire.echo("back")).isEqualTo("back");
    }
  }

  @Test
  @DisplayName("reset_peer aborts the connection once data flows")
  void resetPeer() throws IOException {
    proxy.add(Toxic.resetPeer(0).upstream());
    try (Wire wire = Wire.connect(proxy.listenAddress())) {
      wire.write("boom");
      assertThatThrownBy(() -> wire.read(4).chars().count()).isInstanceOf(SocketException.class);
    } catch (SocketException expected) {
      // the reset may already surface on close
    }
  }

  @Test
  @DisplayName("bandwidth, slow_close and slicer let the data through intact")
  void shapers() throws IOException {
    proxy.add(Toxic.bandwidth(100));
    proxy.add(Toxic.slowClose(20));
    proxy.add(Toxic.slicer(3).sizeVariation(1).delayMicros(100).upstream());
    try (Wire wire = Wire.connect(proxy.listenAddress())) {
      assertThat(wire.echo("sliced and shaped")).isEqualTo("sliced and shaped");
    }
  }

  @Test
  @DisplayName(
      "toxics lists what was added, with names, streams and toxicity; removeAll empties it")
  void toxics() {
    proxy.add(Toxic.latency(10).jitter(2).toxicity(0.5));
    proxy.add(Toxic.limitData(100).upstream().named("cap"));
    assertThat(proxy.toxics())
        .containsExactlyInAnyOrder(
            Toxic.latency(10).jitter(2).toxicity(0.5),
            Toxic.limitData(100).stream(Direction.UPSTREAM).named("cap"));
    proxy.removeAll();
    assertThat(proxy.toxics()).isEmpty();
  }

  @Test
  @DisplayName("update changes a toxic in place: a reply held by a long latency goes out at 0")
  void updateInPlace() throws IOException {
    ToxicHandle slow = proxy.add(Toxic.latency(600_000).named("slow"));
    try (Wire wire = Wire.connect(proxy.listenAddress())) {
      wire.write("held");
      slow.update(Toxic.latency(0));
      assertThat(wire.read(4)).isEqualTo("held");
    }
    assertThat(slow.toxic()).isEqualTo(Toxic.latency(0).named("slow"));
    proxy.update(Toxic.latency(5).jitter(1).toxicity(0.5).named("slow"));
    assertThat(proxy.toxics())
        .containsExactly(Toxic.latency(5).jitter(1).toxicity(0.5).named("slow"));
  }

  @Test
  @DisplayName("an update of a missing toxic, or to another type or stream, is refused")
  void updateErrors() {
    ToxicHandle handle = proxy.add(Toxic.latency(10).named("slow"));
    assertThatThrownBy(() -> proxy.update(Toxic.latency(5).named("nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> proxy.update(Toxic.bandwidth(5).named("slow")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: a latency toxic on the downstream stream");
    assertThatThrownBy(() -> handle.update(Toxic.latency(5).upstream()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("remove the toxic and add the new one");
    handle.remove();
    assertThatThrownBy(() -> handle.update(Toxic.latency(5)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(proxy.toxics()).isEmpty();
  }

  @Test
  @DisplayName("a name in use, a missing toxic and a toxic removed twice are clear errors")
  void errors() {
    ToxicHandle handle = proxy.add(Toxic.latency(10));
    assertThatThrownBy(() -> proxy.add(Toxic.timeout(5).named("latency_downstream")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latency_downstream");
    assertThatThrownBy(() -> proxy.remove("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
    handle.remove();
    assertThatThrownBy(handle::remove).isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("tcpunit's own toxics are refused with the in-process alternative")
  void tcpunitOnly() {
    for (Toxic toxic :
        List.of(
            Toxic.blackHole(),
            Toxic.corrupt(0.1),
            Toxic.connectDelay(10),
            Toxic.refuseConnections(),
            Toxic.maxConnections(1))) {
      assertThatThrownBy(() -> proxy.add(toxic))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(toxic.type())
          .hasMessageContaining("InProcessProxy");
    }
    assertThat(proxy.toxics()).isEmpty();
  }

  @Test
  @DisplayName("disable refuses new connections; enable serves again")
  void disableEnable() throws IOException {
    proxy.disable();
    assertThat(proxy.isEnabled()).isFalse();
    assertThatThrownBy(() -> Wire.connect(proxy.listenAddress())).isInstanceOf(IOException.class);
    proxy.enable();
    try (Wire wire = Wire.connect(proxy.listenAddress())) {
      assertThat(wire.echo("up")).isEqualTo("up");
    }
  }
}
