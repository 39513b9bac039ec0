package dev.tcpunit.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated("binds wildcard sockets that accept nothing, which concurrent relay tests can reach")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("ToxiproxyServerMain: the standalone server's command line")
class ToxiproxyServerMainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private EmbeddedToxiproxy started;

  private int run(String... args) {
    ToxiproxyServerMain.Outcome outcome =
        ToxiproxyServerMain.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    if (outcome.server() != null) {
      started = outcome.server();
      return -1;
    }
    return outcome.status();
  }

  @AfterEach
  void stop() {
    if (started != null) {
      started.close();
    }
  }

  @Test
  @DisplayName("-version prints the version; -h the usage; a bad flag exits 2 with the usage")
  void flags() {
    assertThat(run("-version")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("toxiproxy-server version 2.12.0");
    assertThat(run("-h")).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage of toxiproxy-server");
    assertThat(run("-bogus")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("flag provided but not defined: -bogus");
  }

  @Test
  @DisplayName("a port in use exits 1 with the reason")
  void portInUse() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(run("-host", "127.0.0.1", "-port", String.valueOf(taken.getLocalPort())))
          .isEqualTo(1);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot start the server");
  }

  @Test
  @DisplayName("-config creates the file's proxies at start; the API answers toxiproxy-java")
  void config(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("toxiproxy.json");
    Files.writeString(
        config,
        "[{\"name\":\"web\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"},"
            + "{\"name\":\"db\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\",\"enabled\":false}]");
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    assertThat(
            run("-host", "127.0.0.1", "-port", String.valueOf(port), "-config", config.toString()))
        .isEqualTo(-1);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("listening on http://127.0.0.1:" + port)
        .contains("Populated 2 proxies");
    ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", port);
    assertThat(client.getProxies()).extracting(p -> p.getName()).containsExactly("db", "web");
  }
}
