package dev.tcpunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("EmbeddedToxiproxy")
class EmbeddedToxiproxyTest {

  @Test
  @DisplayName("start() listens on a free loopback port; url, host and port agree")
  void start() throws IOException {
    try (EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start()) {
      assertThat(toxiproxy.host()).isEqualTo("127.0.0.1");
      assertThat(toxiproxy.url()).isEqualTo("http://127.0.0.1:" + toxiproxy.port());
      assertThat(new ToxiproxyClient(toxiproxy.host(), toxiproxy.port()).version())
          .contains("2.12.0");
    }
  }

  @Test
  @DisplayName("start(host, port) listens there; IPv6 hosts come back in brackets")
  void startOn() {
    try (EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start("::1", 0)) {
      assertThat(toxiproxy.host()).isEqualTo("[::1]");
      assertThat(toxiproxy.url()).startsWith("http://[::1]:");
    }
  }

  @Test
  @DisplayName("a config file creates its proxies at start; a bad one fails the start")
  void config(@TempDir Path dir) throws IOException {
    Path good =
        Files.writeString(
            dir.resolve("good.json"), "[{\"name\":\"a\",\"upstream\":\"127.0.0.1:9\"}]");
    try (EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.builder().config(good).start()) {
      assertThat(toxiproxy.probe("a").connections()).isEmpty();
    }
    Path bad = Files.writeString(dir.resolve("bad.json"), "[{\"name\":\"a\"}]");
    assertThatThrownBy(() -> EmbeddedToxiproxy.builder().config(bad).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing required field: upstream at proxy 1");
  }

  @Test
  @DisplayName("probe(name) of an unknown proxy names the server")
  void unknownProbe() {
    try (EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start()) {
      assertThatThrownBy(() -> toxiproxy.probe("nope"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "proxyName: \"nope\" (expected: a proxy of "
                  + toxiproxy.url()
                  + " that has listened)");
    }
  }

  @Test
  @DisplayName("without allowNonLoopbackListen a proxy on every interface is refused with 403")
  void nonLoopback() {
    try (EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start()) {
      ToxiproxyClient client = new ToxiproxyClient(toxiproxy.host(), toxiproxy.port());
      assertThatThrownBy(() -> client.createProxy("any", "0.0.0.0:0", "127.0.0.1:9"))
          .hasMessageStartingWith("[403] listen address not allowed")
          .hasMessageContaining("EmbeddedToxiproxy.builder().allowNonLoopbackListen(true)");
    }
  }
}
