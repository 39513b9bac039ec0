package dev.tcpunit.internal.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.internal.toxiproxy.RawApi.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated(
    "its proxies listen without accepting: a test that relays to a port it just closed could reach one")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("Admin API: proxies, routing, populate and reset")
class AdminApiProxiesTest {

  private final ListeningOnlyBackend backend = new ListeningOnlyBackend();
  private AdminServer server;
  private RawApi api;

  @BeforeEach
  void start() {
    server =
        AdminServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backend, false, 42);
    api = new RawApi("http://127.0.0.1:" + server.address().getPort());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Answer create(String name) {
    return api.post(
        "/proxies",
        "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"}");
  }

  private int port(String name) {
    String listen =
        api.get("/proxies/" + name).body().replaceAll(".*\"listen\":\"[^:]*:(\\d+)\".*", "$1");
    return Integer.parseInt(listen.trim());
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Nested
  @DisplayName("routing")
  class Routing {

    @Test
    @DisplayName("GET /version answers Toxiproxy's JSON with a newline")
    void version() {
      Answer answer = api.get("/version");
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.contentType()).isEqualTo("application/json;charset=utf-8");
      assertThat(answer.body()).isEqualTo("{\"version\": \"2.12.0\"}\n");
    }

    @Test
    @DisplayName("an unknown path is 404 page not found, as text")
    void unknownPath() {
      for (String path :
          new String[] {"/", "/nope", "/proxies/", "/proxies/a/b", "/proxies/a/toxics/"}) {
        Answer answer = api.get(path);
        assertThat(answer.status()).as(path).isEqualTo(404);
        assertThat(answer.body()).as(path).isEqualTo("404 page not found\n");
        assertThat(answer.contentType()).isEqualTo("text/plain; charset=utf-8");
      }
    }

    @Test
    @DisplayName("a known path with another method is an empty 405")
    void wrongMethod() {
      assertThat(api.delete("/proxies").status()).isEqualTo(405);
      assertThat(api.get("/reset").status()).isEqualTo(405);
      assertThat(api.post("/version", "").status()).isEqualTo(405);
      assertThat(api.get("/populate").body()).isEmpty();
    }

    @Test
    @DisplayName("browsers are refused with 403, as in Toxiproxy")
    void browser() {
      Answer answer = api.send("GET", "/proxies", "", "Mozilla/5.0 (X11; Linux x86_64)");
      assertThat(answer.status()).isEqualTo(403);
      assertThat(answer.body()).isEqualTo("User agent not allowed\n");
    }
  }

  @Nested
  @DisplayName("POST /proxies")
  class Create {

    @Test
    @DisplayName("creates and starts a proxy: 201 with its actual listen address")
    void creates() {
      Answer answer = create("redis");
      assertThat(answer.status()).isEqualTo(201);
      assertThat(answer.contentType()).isEqualTo("application/json");
      int port = backend.last().listenAddress().getPort();
      assertThat(answer.body())
          .isEqualTo(
              "{\"name\":\"redis\",\"listen\":\"127.0.0.1:"
                  + port
                  + "\",\"upstream\":\"127.0.0.1:9\",\"enabled\":true,\"toxics\":[]}");
      assertThat(accepts(port)).isTrue();
    }

    @Test
    @DisplayName("enabled=false creates it without listening; listen stays as given")
    void disabled() {
      Answer answer =
          api.post(
              "/proxies",
              "{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\",\"enabled\":false}");
      assertThat(answer.status()).isEqualTo(201);
      assertThat(answer.body()).contains("\"listen\":\"127.0.0.1:0\"", "\"enabled\":false");
      assertThat(backend.opened).isEmpty();
    }

    @Test
    @DisplayName("a name with spaces is a name like any other, reached with %20")
    void spaces() {
      assertThat(create("my proxy").status()).isEqualTo(201);
      assertThat(api.get("/proxies/my%20proxy").body()).contains("\"name\":\"my proxy\"");
      assertThat(api.get("/proxies").body()).startsWith("{\"my proxy\":{\"name\":\"my proxy\"");
    }

    @Test
    @DisplayName("a second proxy of the same name is 409 and changes nothing")
    void duplicate() {
      create("a");
      Answer answer = create("a");
      assertThat(answer.status()).isEqualTo(409);
      assertThat(answer.contentType()).isEqualTo("text/plain; charset=utf-8");
      assertThat(answer.body()).isEqualTo(RawApi.error(409, "proxy already exists"));
      assertThat(backend.opened).hasSize(1);
    }

    @Test
    @DisplayName("missing name or upstream is 400 missing required field")
    void missingFields() {
      assertThat(api.post("/proxies", "{\"upstream\":\"127.0.0.1:9\"}").body())
          .isEqualTo(RawApi.error(400, "missing required field: name"));
      assertThat(api.post("/proxies", "{\"name\":\"a\",\"upstream\":\"\"}").body())
          .isEqualTo(RawApi.error(400, "missing required field: upstream"));
      assertThat(api.post("/proxies", "null").body())
          .isEqualTo(RawApi.error(400, "missing required field: name"));
    }

    @Test
    @DisplayName("malformed JSON is 400 bad request body with Go's message")
    void malformed() {
      assertThat(api.post("/proxies", "").body())
          .isEqualTo(RawApi.error(400, "bad request body: EOF"));
      assertThat(api.post("/proxies", "{\"name\":").body())
          .isEqualTo(RawApi.error(400, "bad request body: unexpected EOF"));
      assertThat(api.post("/proxies", "xyz").body())
          .isEqualTo(
              RawApi.error(
                  400, "bad request body: invalid character 'x' looking for beginning of value"));
      assertThat(api.post("/proxies", "[]").body())
          .isEqualTo(
              RawApi.error(
                  400,
                  "bad request body: json: cannot unmarshal array into Go value of type"
                      + " toxiproxy.Proxy"));
    }

    @Test
    @DisplayName("a field of the wrong type is 400 with Go's unmarshal message")
    void wrongType() {
      Answer answer =
          api.post("/proxies", "{\"name\":\"a\",\"upstream\":\"127.0.0.1:9\",\"enabled\":\"yes\"}");
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.body())
          .isEqualTo(
              RawApi.error(
                  400,
                  "bad request body: json: cannot unmarshal string into Go struct field"
                      + " Proxy.enabled of type bool"));
      assertThat(api.post("/proxies", "{\"name\":7,\"upstream\":\"127.0.0.1:9\"}").body())
          .contains("cannot unmarshal number into Go struct field Proxy.name of type string");
    }

    @Test
    @DisplayName("field names match ignoring case and unknown fields are ignored, as in Go")
    void lenientFields() {
      Answer answer =
          api.post(
              "/proxies",
              "{\"Name\":\"a\",\"UPSTREAM\":\"127.0.0.1:9\",\"listen\":\"127.0.0.1:0\",\"x\":1}");
      assertThat(answer.status()).isEqualTo(201);
      assertThat(answer.body()).contains("\"name\":\"a\"");
    }

    @Test
    @DisplayName("a listen address outside loopback is refused with 403 and creates nothing")
    void nonLoopback() {
      Answer answer =
          api.post(
              "/proxies", "{\"name\":\"a\",\"listen\":\"0.0.0.0:0\",\"upstream\":\"127.0.0.1:9\"}");
      assertThat(answer.status()).isEqualTo(403);
      assertThat(answer.body())
          .startsWith(
              "{\"error\":\"listen address not allowed: 0.0.0.0:0 is not a loopback address")
          .endsWith(",\"status\":403}\n");
      assertThat(api.get("/proxies").body()).isEqualTo("{}");
    }

    @Test
    @DisplayName("a port in use is 500 with Go's bind message; other proxies go on")
    void portInUse() throws IOException {
      create("first");
      int first = port("first");
      try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        Answer answer =
            api.post(
                "/proxies",
                "{\"name\":\"b\",\"listen\":\"127.0.0.1:"
                    + taken.getLocalPort()
                    + "\",\"upstream\":\"127.0.0.1:9\"}");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body())
            .isEqualTo(
                RawApi.error(
                    500,
                    "listen tcp 127.0.0.1:"
                        + taken.getLocalPort()
                        + ": bind: address already in use"));
      }
      assertThat(api.get("/proxies/b").status()).isEqualTo(404);
      assertThat(accepts(first)).isTrue();
    }

    @Test
    @DisplayName("a listen address Go cannot parse is 500 with Go's message")
    void badListen() {
      assertThat(
              api.post(
                      "/proxies",
                      "{\"name\":\"a\",\"listen\":\"foo\",\"upstream\":\"127.0.0.1:9\"}")
                  .body())
          .isEqualTo(RawApi.error(500, "listen tcp: address foo: missing port in address"));
      assertThat(
              api.post(
                      "/proxies",
                      "{\"name\":\"a\",\"listen\":\"127.0.0.1:99999\",\"upstream\":\"127.0.0.1:9\"}")
                  .body())
          .isEqualTo(RawApi.error(500, "listen tcp: address 99999: invalid port"));
    }

    @Test
    @DisplayName("an upstream that is not host:port is 400")
    void badUpstream() {
      Answer answer = api.post("/proxies", "{\"name\":\"a\",\"upstream\":\"nohost\"}");
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.body())
          .isEqualTo(
              RawApi.error(
                  400,
                  "bad request body: upstream: address nohost: missing port in address (expected:"
                      + " host:port)"));
    }
  }

  @Nested
  @DisplayName("GET, POST, PATCH and DELETE /proxies/{proxy}")
  class OneProxy {

    @Test
    @DisplayName("GET lists every proxy by name; a missing one is 404 proxy not found")
    void show() {
      create("b");
      create("a");
      assertThat(api.get("/proxies").body())
          .startsWith("{\"a\":{\"name\":\"a\"")
          .contains(",\"b\":{");
      assertThat(api.get("/proxies/a").status()).isEqualTo(200);
      assertThat(api.get("/proxies/zz").body()).isEqualTo(RawApi.error(404, "proxy not found"));
      assertThat(api.get("/proxies/zz").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("enabled=false stops listening; enabled=true listens on the same address again")
    void disableEnable() {
      create("a");
      int port = port("a");
      Answer disabled = api.post("/proxies/a", "{\"enabled\":false}");
      assertThat(disabled.status()).isEqualTo(200);
      assertThat(disabled.body()).contains("\"enabled\":false", ":" + port + "\"");
      assertThat(accepts(port)).isFalse();
      Answer enabled = api.patch("/proxies/a", "{\"enabled\":true}");
      assertThat(enabled.body()).contains("\"enabled\":true", ":" + port + "\"");
      assertThat(accepts(port)).isTrue();
      assertThat(backend.opened).hasSize(1);
    }

    @Test
    @DisplayName("a new listen address restarts the proxy there")
    void move() throws IOException {
      create("a");
      int old = port("a");
      Answer moved = api.post("/proxies/a", "{\"listen\":\"127.0.0.1:0\"}");
      assertThat(moved.status()).isEqualTo(200);
      int now = port("a");
      assertThat(now).isNotEqualTo(old);
      assertThat(backend.opened.get(0).isClosed()).isTrue();
      assertThat(accepts(now)).isTrue();
    }

    @Test
    @DisplayName("a failed update leaves the proxy as it was")
    void failedUpdate() throws IOException {
      create("a");
      int port = port("a");
      try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        Answer answer =
            api.post("/proxies/a", "{\"listen\":\"127.0.0.1:" + taken.getLocalPort() + "\"}");
        assertThat(answer.status()).isEqualTo(500);
      }
      assertThat(api.post("/proxies/a", "{\"listen\":\"0.0.0.0:0\"}").status()).isEqualTo(403);
      assertThat(api.post("/proxies/a", "{\"enabled\":1}").status()).isEqualTo(400);
      assertThat(port("a")).isEqualTo(port);
      assertThat(api.get("/proxies/a").body()).contains("\"enabled\":true");
      assertThat(accepts(port)).isTrue();
    }

    @Test
    @DisplayName("updating a missing proxy is 404")
    void updateMissing() {
      assertThat(api.post("/proxies/zz", "{}").body())
          .isEqualTo(RawApi.error(404, "proxy not found"));
    }

    @Test
    @DisplayName("DELETE is 204, closes the listener; a missing proxy is 404")
    void delete() {
      create("a");
      int port = port("a");
      Answer answer = api.delete("/proxies/a");
      assertThat(answer.status()).isEqualTo(204);
      assertThat(answer.body()).isEmpty();
      assertThat(accepts(port)).isFalse();
      assertThat(api.delete("/proxies/a").body()).isEqualTo(RawApi.error(404, "proxy not found"));
    }
  }

  @Nested
  @DisplayName("POST /populate and POST /reset")
  class PopulateAndReset {

    private static final String TWO =
        "[{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"},"
            + "{\"name\":\"b\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\",\"enabled\":false}]";

    @Test
    @DisplayName("creates every proxy: 201 with the proxies")
    void populates() {
      Answer answer = api.post("/populate", TWO);
      assertThat(answer.status()).isEqualTo(201);
      assertThat(answer.contentType()).isEqualTo("application/json");
      assertThat(answer.body())
          .startsWith("{\"proxies\":[{\"name\":\"a\"")
          .contains(
              "{\"name\":\"b\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\",\"enabled\":false");
      assertThat(api.post("/populate", "[]").body()).isEqualTo("{\"proxies\":[]}");
    }

    @Test
    @DisplayName("keeps a proxy with the same addresses, and its toxics; replaces one that differs")
    void keepsOrReplaces() {
      create("a");
      String listen = "127.0.0.1:" + port("a");
      api.post("/proxies/a/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":5}}");
      Answer same =
          api.post(
              "/populate",
              "[{\"name\":\"a\",\"listen\":\"" + listen + "\",\"upstream\":\"127.0.0.1:9\"}]");
      assertThat(same.body()).contains("latency_downstream");
      Answer other =
          api.post(
              "/populate",
              "[{\"name\":\"a\",\"listen\":\"" + listen + "\",\"upstream\":\"127.0.0.1:10\"}]");
      assertThat(other.status()).isEqualTo(201);
      assertThat(other.body()).contains("\"upstream\":\"127.0.0.1:10\"", "\"toxics\":[]");
      assertThat(api.get("/proxies/a").body()).contains("\"listen\":\"" + listen + "\"");
    }

    @Test
    @DisplayName("an invalid entry is 400 with proxies null, and nothing is created")
    void invalid() {
      Answer answer =
          api.post(
              "/populate",
              "[{\"name\":\"a\",\"upstream\":\"127.0.0.1:9\"},{\"upstream\":\"x:1\"}]");
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.contentType()).isEqualTo("application/json");
      assertThat(answer.body())
          .isEqualTo(
              "{\"error\":\"missing required field: name at proxy 2\",\"status\":400,\"proxies\":null}");
      assertThat(api.post("/populate", "{}").body())
          .startsWith(
              "{\"error\":\"bad request body: json: cannot unmarshal object into Go value of type []struct");
      assertThat(api.get("/proxies").body()).isEqualTo("{}");
    }

    @Test
    @DisplayName("a port in use fails the whole request and restores what it replaced")
    void atomic() throws IOException {
      create("a");
      int port = port("a");
      try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        Answer answer =
            api.post(
                "/populate",
                "[{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"},"
                    + "{\"name\":\"c\",\"listen\":\"127.0.0.1:"
                    + taken.getLocalPort()
                    + "\",\"upstream\":\"127.0.0.1:9\"}]");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).contains("bind: address already in use", "\"proxies\":null");
      }
      assertThat(api.get("/proxies/c").status()).isEqualTo(404);
      assertThat(port("a")).isEqualTo(port);
      assertThat(accepts(port)).isTrue();
    }

    @Test
    @DisplayName("reset enables every proxy and removes every toxic: 204")
    void reset() {
      create("a");
      int port = port("a");
      api.post("/proxies/a", "{\"enabled\":false}");
      api.post("/proxies/a/toxics", "{\"type\":\"timeout\"}");
      Answer answer = api.post("/reset", "");
      assertThat(answer.status()).isEqualTo(204);
      assertThat(answer.body()).isEmpty();
      assertThat(api.get("/proxies/a").body()).contains("\"enabled\":true", "\"toxics\":[]");
      assertThat(accepts(port)).isTrue();
      assertThat(backend.last().toxics()).isEmpty();
    }
  }
}
