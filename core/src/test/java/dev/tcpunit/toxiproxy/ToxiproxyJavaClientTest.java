package dev.tcpunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.probe.ConnectionRecord;
import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.Scripts;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.ResetPeer;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import eu.rekawek.toxiproxy.model.toxic.SlowClose;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout.ThreadMode;

@org.junit.jupiter.api.Timeout(
    value = 60,
    unit = TimeUnit.SECONDS,
    threadMode = ThreadMode.SEPARATE_THREAD)
@DisplayName("toxiproxy-java's whole API against EmbeddedToxiproxy")
class ToxiproxyJavaClientTest {

  private ScriptedServer echo;
  private EmbeddedToxiproxy toxiproxy;
  private ToxiproxyClient client;
  private String upstream;

  @BeforeEach
  void start() {
    echo = ScriptedServer.start(Scripts.echo());
    toxiproxy = EmbeddedToxiproxy.builder().seed(7).start();
    client = new ToxiproxyClient(toxiproxy.host(), toxiproxy.port());
    upstream = "127.0.0.1:" + echo.port();
  }

  @AfterEach
  void stop() {
    toxiproxy.close();
    echo.close();
  }

  @Nested
  @DisplayName("ToxiproxyClient and Proxy")
  class Proxies {

    @Test
    @DisplayName("version, createProxy, getProxy, getProxies, getProxyOrNull")
    void client() throws IOException {
      assertThat(client.version()).isEqualTo("{\"version\": \"2.12.0\"}");
      Proxy created = client.createProxy("echo", "127.0.0.1:0", upstream);
      assertThat(created.getName()).isEqualTo("echo");
      assertThat(created.getUpstream()).isEqualTo(upstream);
      assertThat(created.isEnabled()).isTrue();
      assertThat(created.getListen()).matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo("127.0.0.1:0");
      assertThat(client.getProxy("echo").getListen()).isEqualTo(created.getListen());
      client.createProxy("other", "127.0.0.1:0", upstream);
      assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("echo", "other");
      assertThat(client.getProxyOrNull("nope")).isNull();
      assertThatThrownBy(() -> client.getProxy("nope")).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> client.createProxy("echo", "127.0.0.1:0", upstream))
          .isInstanceOf(IOException.class)
          .hasMessage("[409] proxy already exists");
    }

    @Test
    @DisplayName("data flows through a created proxy and the probe records the connection")
    void relays() throws Exception {
      Proxy proxy = client.createProxy("echo", "127.0.0.1:0", upstream);
      try (Wire wire = Wire.connect(proxy.getListen())) {
        assertThat(wire.echo("hello")).isEqualTo("hello");
      }
      assertThat(toxiproxy.probe("echo").awaitAllClosed(Duration.ofSeconds(10))).hasSize(1);
    }

    @Test
    @DisplayName("disable refuses connections, enable serves again on the same address")
    void disableEnable() throws IOException {
      Proxy proxy = client.createProxy("echo", "127.0.0.1:0", upstream);
      proxy.disable();
      assertThat(proxy.isEnabled()).isFalse();
      assertThatThrownBy(() -> Wire.connect(proxy.getListen())).isInstanceOf(IOException.class);
      proxy.enable();
      assertThat(proxy.isEnabled()).isTrue();
      try (Wire wire = Wire.connect(proxy.getListen())) {
        assertThat(wire.echo("again")).isEqualTo("again");
      }
    }

    @Test
    @DisplayName("setListen and setUpstream move the proxy; delete removes it")
    void moveAndDelete() throws IOException {
      Proxy proxy = client.createProxy("echo", "127.0.0.1:0", "127.0.0.1:9");
      proxy.setUpstream(upstream);
      assertThat(proxy.getUpstream()).isEqualTo(upstream);
      proxy.setListen("127.0.0.1:0");
      try (Wire wire = Wire.connect(proxy.getListen())) {
        assertThat(wire.echo("moved")).isEqualTo("moved");
      }
      String listen = proxy.getListen();
      proxy.delete();
      assertThat(client.getProxyOrNull("echo")).isNull();
      assertThatThrownBy(() -> Wire.connect(listen)).isInstanceOf(IOException.class);
    }

    @Test
    @DisplayName("reset enables every proxy and removes every toxic")
    void reset() throws IOException {
      Proxy proxy = client.createProxy("echo", "127.0.0.1:0", upstream);
      proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 1000);
      proxy.disable();
      client.reset();
      assertThat(proxy.isEnabled()).isTrue();
      assertThat(proxy.toxics().getAll()).isEmpty();
      try (Wire wire = Wire.connect(proxy.getListen())) {
        assertThat(wire.echo("fast")).isEqualTo("fast");
      }
    }
  }

  @Nested
  @DisplayName("ToxicList and every toxic type")
  class Toxics {

    private Proxy proxy;

    @BeforeEach
    void proxy() throws IOException {
      proxy = client.createProxy("echo", "127.0.0.1:0", upstream);
    }

    @Test
    @DisplayName("every typed factory creates its toxic; getAll and get read them back")
    void everyType() throws IOException {
      Latency latency = proxy.toxics().latency("latency", ToxicDirection.DOWNSTREAM, 100);
      Bandwidth bandwidth = proxy.toxics().bandwidth("bandwidth", ToxicDirection.UPSTREAM, 64);
      SlowClose slowClose = proxy.toxics().slowClose("slow_close", ToxicDirection.DOWNSTREAM, 50);
      Timeout timeout = proxy.toxics().timeout("timeout", ToxicDirection.UPSTREAM, 0);
      Slicer slicer = proxy.toxics().slicer("slicer", ToxicDirection.DOWNSTREAM, 8, 10);
      LimitData limit = proxy.toxics().limitData("limit", ToxicDirection.UPSTREAM, 1024);
      ResetPeer reset = proxy.toxics().resetPeer("reset", ToxicDirection.DOWNSTREAM, 20);
      assertThat(latency.getLatency()).isEqualTo(100);
      assertThat(latency.getJitter()).isZero();
      assertThat(bandwidth.getRate()).isEqualTo(64);
      assertThat(bandwidth.getStream()).isEqualTo(ToxicDirection.UPSTREAM);
      assertThat(slowClose.getDelay()).isEqualTo(50);
      assertThat(timeout.getTimeout()).isZero();
      assertThat(slicer.getAverageSize()).isEqualTo(8);
      assertThat(slicer.getDelay()).isEqualTo(10);
      assertThat(limit.getBytes()).isEqualTo(1024);
      assertThat(reset.getTimeout()).isEqualTo(20);
      assertThat(reset.getToxicity()).isEqualTo(1.0f);
      assertThat(proxy.toxics().getAll())
          .extracting(Toxic::getName)
          .containsExactly(
              "bandwidth", "timeout", "limit", "latency", "slow_close", "slicer", "reset");
      assertThat(proxy.toxics().get("slicer", Slicer.class).getSizeVariation()).isZero();
      assertThat(proxy.toxics().get("latency")).isInstanceOf(Latency.class);
      assertThatThrownBy(() -> proxy.toxics().get("latency", Bandwidth.class))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> proxy.toxics().get("nope")).isInstanceOf(IOException.class);
    }

    @Test
    @DisplayName("every setter updates the toxic on the server")
    void setters() throws IOException {
      Latency latency = proxy.toxics().latency("latency", ToxicDirection.DOWNSTREAM, 100);
      latency.setLatency(200).setJitter(20).setToxicity(0.5f);
      Latency read = proxy.toxics().get("latency", Latency.class);
      assertThat(read.getLatency()).isEqualTo(200);
      assertThat(read.getJitter()).isEqualTo(20);
      assertThat(read.getToxicity()).isEqualTo(0.5f);
      assertThat(proxy.toxics().bandwidth("b", ToxicDirection.DOWNSTREAM, 1).setRate(9).getRate())
          .isEqualTo(9);
      assertThat(proxy.toxics().slowClose("s", ToxicDirection.DOWNSTREAM, 1).setDelay(9).getDelay())
          .isEqualTo(9);
      assertThat(
              proxy.toxics().timeout("t", ToxicDirection.DOWNSTREAM, 1).setTimeout(9).getTimeout())
          .isEqualTo(9);
      assertThat(proxy.toxics().limitData("l", ToxicDirection.DOWNSTREAM, 1).setBytes(9).getBytes())
          .isEqualTo(9);
      assertThat(
              proxy
                  .toxics()
                  .resetPeer("r", ToxicDirection.DOWNSTREAM, 1)
                  .setTimeout(9)
                  .getTimeout())
          .isEqualTo(9);
      Slicer slicer = proxy.toxics().slicer("sl", ToxicDirection.DOWNSTREAM, 10, 1);
      slicer.setAverageSize(20).setSizeVariation(5).setDelay(7);
      assertThat(proxy.toxics().get("sl", Slicer.class))
          .extracting(Slicer::getAverageSize, Slicer::getSizeVariation, Slicer::getDelay)
          .containsExactly(20L, 5L, 7L);
    }

    @Test
    @DisplayName("remove takes a toxic off; a second toxic of the same name is refused")
    void remove() throws IOException {
      Latency latency = proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 1000);
      assertThatThrownBy(() -> proxy.toxics().latency("slow", ToxicDirection.UPSTREAM, 1))
          .hasMessage("[409] toxic already exists");
      latency.remove();
      assertThat(proxy.toxics().getAll()).isEmpty();
      try (Wire wire = Wire.connect(proxy.getListen())) {
        assertThat(wire.echo("quick")).isEqualTo("quick");
      }
    }

    @Test
    @DisplayName("a latency toxic delays the echo, then an update takes it back to nothing")
    void latencyOnTheWire() throws IOException {
      Latency latency = proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 300);
      try (Wire wire = Wire.connect(proxy.getListen())) {
        long start = System.nanoTime();
        assertThat(wire.echo("late")).isEqualTo("late");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        latency.setLatency(0);
        assertThat(wire.echo("now")).isEqualTo("now");
      }
    }

    @Test
    @DisplayName(
        "an update acts in place: limit_data keeps its count, timeout keeps the connection")
    void updateInPlace() throws Exception {
      LimitData limit = proxy.toxics().limitData("limit", ToxicDirection.DOWNSTREAM, 10);
      try (Wire wire = Wire.connect(proxy.getListen())) {
        assertThat(wire.echo("abcdef")).isEqualTo("abcdef");
        limit.setBytes(8);
        wire.write("ghijkl");
        assertThat(wire.readToEnd()).isEqualTo("gh");
      }
      limit.remove();
      Timeout hold = proxy.toxics().timeout("hold", ToxicDirection.UPSTREAM, 0);
      try (Wire wire = Wire.connect(proxy.getListen())) {
        wire.write("lost");
        hold.setTimeout(600_000);
        assertThat(toxiproxy.probe("echo").awaitConnections(2, Duration.ofSeconds(10)).get(1))
            .matches(ConnectionRecord::isOpen, "is open");
        hold.setTimeout(50);
        assertThat(wire.readToEnd()).isEmpty();
      }
    }

    @Test
    @DisplayName("a timeout toxic of 0 swallows data; a limit_data toxic closes after its bytes")
    void cutOnTheWire() throws IOException {
      proxy.toxics().limitData("limit", ToxicDirection.DOWNSTREAM, 4);
      try (Wire wire = Wire.connect(proxy.getListen())) {
        wire.write("abcdefgh");
        assertThat(wire.readToEnd()).isEqualTo("abcd");
      }
      proxy.toxics().get("limit").remove();
      proxy.toxics().timeout("stop", ToxicDirection.UPSTREAM, 0);
      try (Wire wire = Wire.connect(proxy.getListen())) {
        wire.write("lost");
        assertThat(wire.silentFor(300)).isTrue();
      }
    }
  }
}
