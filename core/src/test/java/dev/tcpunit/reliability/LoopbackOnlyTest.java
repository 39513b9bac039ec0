package dev.tcpunit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.os.SocketTable;
import dev.tcpunit.os.TcpSocket;
import dev.tcpunit.os.TcpState;
import dev.tcpunit.proxy.InProcessProxy;
import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.Scripts;
import dev.tcpunit.toxiproxy.EmbeddedToxiproxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nothing tcpunit starts is reachable from another machine unless the test asks: servers, proxies
 * and the Toxiproxy-compatible API listen on loopback, as the kernel's socket table shows, and the
 * API refuses proxies that would listen elsewhere.
 */
@Timeout(60)
@DisplayName("Everything listens on loopback unless asked")
class LoopbackOnlyTest {

  private static final Pattern LISTEN = Pattern.compile("\"listen\":\"[^\"]*:(\\d+)\"");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** Asserts that the kernel shows this process listening on the port, on loopback only. */
  static void assertListensOnLoopbackOnly(int port) {
    List<TcpSocket> listeners =
        SocketTable.read().ofThisProcess().localPort(port).inState(TcpState.LISTEN).sockets();
    assertThat(listeners)
        .as("listening sockets of this process on port %d", port)
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.local().getAddress().isLoopbackAddress()).isTrue());
  }

  @Test
  @DisplayName("ScriptedServer, by default and from its builder")
  void scriptedServer() {
    try (ScriptedServer started = ScriptedServer.start(Scripts.echo());
        ScriptedServer built = ScriptedServer.builder().scripts(List.of(Scripts.echo())).start()) {
      for (ScriptedServer server : List.of(started, built)) {
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        assertListensOnLoopbackOnly(server.port());
      }
    }
  }

  @Test
  @DisplayName("InProcessProxy, by default and from its builder")
  void inProcessProxy() {
    InetSocketAddress upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
    try (InProcessProxy started = InProcessProxy.start(upstream);
        InProcessProxy built = InProcessProxy.builder().upstream(upstream).start()) {
      for (InProcessProxy proxy : List.of(started, built)) {
        assertThat(proxy.listenAddress().getAddress().isLoopbackAddress()).isTrue();
        assertListensOnLoopbackOnly(proxy.listenAddress().getPort());
      }
    }
  }

  @Nested
  @DisplayName("EmbeddedToxiproxy")
  class Toxiproxy {

    @Test
    @DisplayName("its API and its proxies listen on loopback")
    void loopback() throws Exception {
      try (EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start()) {
        assertThat(InetAddress.getByName(toxiproxy.host()).isLoopbackAddress()).isTrue();
        assertListensOnLoopbackOnly(toxiproxy.port());
        HttpResponse<String> created =
            post(toxiproxy, "/proxies", "{\"name\":\"db\",\"upstream\":\"127.0.0.1:9\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher listen = LISTEN.matcher(get(toxiproxy, "/proxies/db").body());
        assertThat(listen.find()).isTrue();
        assertListensOnLoopbackOnly(Integer.parseInt(listen.group(1)));
      }
    }

    @Test
    @DisplayName("refuses proxies that would listen on any other address, unless allowed")
    void refusesOtherAddresses() throws Exception {
      try (EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start()) {
        for (String listen : List.of("0.0.0.0:0", "[::]:0", ":0")) {
          HttpResponse<String> refused =
              post(
                  toxiproxy,
                  "/proxies",
                  "{\"name\":\"open\",\"listen\":\"" + listen + "\",\"upstream\":\"127.0.0.1:9\"}");
          assertThat(refused.statusCode()).as(listen).isEqualTo(403);
          assertThat(refused.body())
              .contains("listen address not allowed: " + listen + " is not a loopback address");
        }
        assertThat(get(toxiproxy, "/proxies").body()).isEqualTo("{}");
      }
    }

    @Test
    @DisplayName("reads JSON into fixed fields: a type hint in the body is only a wrong value")
    void noTypeFromTheBody() throws Exception {
      try (EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start()) {
        HttpResponse<String> wrapped =
            post(
                toxiproxy,
                "/proxies",
                "{\"name\":[\"java.net.URL\",\"http://example.invalid\"],\"upstream\":\"127.0.0.1:9\"}");
        assertThat(wrapped.statusCode()).isEqualTo(400);
        assertThat(wrapped.body())
            .contains(
                "json: cannot unmarshal array into Go struct field Proxy.name of type string");
        HttpResponse<String> hinted =
            post(
                toxiproxy,
                "/proxies",
                "{\"@class\":\"java.net.URL\",\"name\":\"db\",\"upstream\":\"127.0.0.1:9\"}");
        assertThat(hinted.statusCode()).as("an unknown field is ignored").isEqualTo(201);
      }
    }
  }

  private static HttpResponse<String> post(EmbeddedToxiproxy toxiproxy, String path, String body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(toxiproxy.url() + path))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(EmbeddedToxiproxy toxiproxy, String path)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(toxiproxy.url() + path))
            .timeout(Duration.ofSeconds(20))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
