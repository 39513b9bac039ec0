package dev.tcpunit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
@DisplayName("HTTP/1.1 requests read by readRequest()")
class ScriptedServerHttpTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String OK = "HTTP/1.1 200 OK\r\n";

  @Nested
  @DisplayName("well-formed requests are recorded")
  class WellFormed {

    @Test
    @DisplayName("a body framed by Content-Length")
    void contentLength() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(Scripts.http(200, "ok"));
          RawClient client = RawClient.connect(server)) {
        client.send(
            "POST /orders?id=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nX-A:  b \r\n\r\nhello");
        assertThat(client.readHead()).startsWith(OK);
        HttpRequest request = server.awaitRequest(1, WAIT);
        assertThat(request.connection()).isEqualTo(1);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.target()).isEqualTo("/orders?id=1");
        assertThat(request.version()).isEqualTo("HTTP/1.1");
        assertThat(request.headers())
            .containsExactly(
                Map.entry("Host", "x"), Map.entry("Content-Length", "5"), Map.entry("X-A", "b"));
        assertThat(request.header("content-length")).contains("5");
        assertThat(request.bodyText()).isEqualTo("hello");
      }
    }

    @Test
    @DisplayName("a chunked body with extensions and trailer fields, de-chunked")
    void chunked() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(Scripts.http(200, "ok"));
          RawClient client = RawClient.connect(server)) {
        client.send("POST /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
        client.send("5;name=value\r\nhello\r\n");
        client.send("6\r\n world\r\n0\r\nChecksum: abc\r\n\r\n");
        assertThat(client.readHead()).startsWith(OK);
        assertThat(server.awaitRequest(1, WAIT).bodyText()).isEqualTo("hello world");
      }
    }

    @Test
    @DisplayName("two pipelined requests in one packet get two responses on one connection")
    void pipelined() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(Scripts.http(200, "ok"));
          RawClient client = RawClient.connect(server)) {
        client.send(
            "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /b HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc");
        assertThat(client.readHead()).startsWith(OK);
        assertThat(client.read(2)).isEqualTo("ok");
        assertThat(client.readHead()).startsWith(OK);
        assertThat(client.read(2)).isEqualTo("ok");
        server.awaitRequest(2, WAIT);
        assertThat(server.requests())
            .extracting(HttpRequest::target, HttpRequest::bodyText, HttpRequest::connection)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("/a", "", 1),
                org.assertj.core.groups.Tuple.tuple("/b", "abc", 1));
        assertThat(server.probe().count()).isEqualTo(1);
      }
    }

    @Test
    @DisplayName("a request sent one byte at a time")
    void byteByByte() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(Scripts.http(200, "ok"));
          RawClient client = RawClient.connect(server)) {
        for (char c : "PUT /x HTTP/1.0\nContent-Length: 2\n\nhi".toCharArray()) {
          client.send(String.valueOf(c));
        }
        assertThat(client.readHead()).startsWith(OK);
        HttpRequest request = server.awaitRequest(1, WAIT);
        assertThat(request.version()).isEqualTo("HTTP/1.0");
        assertThat(request.bodyText()).isEqualTo("hi");
      }
    }

    @Test
    @DisplayName("Expect: 100-continue gets 100 Continue before the body is read")
    void expectContinue() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(Scripts.http(200, "ok"));
          RawClient client = RawClient.connect(server)) {
        client.send("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
        assertThat(client.readHead()).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        client.send("body");
        assertThat(client.readHead()).startsWith(OK);
        assertThat(server.awaitRequest(1, WAIT).bodyText()).isEqualTo("body");
      }
    }

    @Test
    @DisplayName("resetAfterRequest() records the request, then resets")
    void resetAfterRequest() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(Scripts.resetAfterRequest());
          RawClient client = RawClient.connect(server)) {
        client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(client.readUntilFailure()).hasMessageContaining("Connection reset");
        assertThat(server.requests()).hasSize(1);
        assertThat(server.probe().awaitAllClosed(WAIT).get(0).end())
            .isEqualTo(ConnectionEnd.SERVER_RESET);
      }
    }

    @Test
    @DisplayName("closeAfterRequest() records the request, then closes without answering")
    void closeAfterRequest() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(Scripts.closeAfterRequest());
          RawClient client = RawClient.connect(server)) {
        client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(client.read()).isEqualTo(-1);
        assertThat(server.requests()).hasSize(1);
      }
    }
  }

  @Nested
  @DisplayName("malformed requests get 400 Bad Request and FIN")
  class Malformed {

    private String answerTo(String request) throws Exception {
      try (ScriptedServer server = ScriptedServer.start(Scripts.http(200, "ok"));
          RawClient client = RawClient.connect(server)) {
        client.send(request);
        String answer = client.readToEnd();
        ConnectionRecord record = server.probe().awaitAllClosed(WAIT).get(0);
        assertThat(record.end()).isEqualTo(ConnectionEnd.SERVER_FIN);
        assertThat(record.detail()).startsWith("bad request: ");
        assertThat(server.requests()).isEmpty();
        return answer;
      }
    }

    @Test
    @DisplayName("a bad request line")
    void badRequestLine() throws Exception {
      assertThat(answerTo("HELLO\r\n\r\n"))
          .startsWith("HTTP/1.1 400 Bad Request\r\n")
          .contains("Connection: close\r\n")
          .endsWith("Bad request: malformed request line: \"HELLO\"\n");
    }

    @Test
    @DisplayName("both Content-Length and Transfer-Encoding")
    void conflictingFraming() throws Exception {
      assertThat(
              answerTo(
                  "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"))
          .endsWith("Bad request: both Content-Length and Transfer-Encoding\n");
    }

    @Test
    @DisplayName("a head larger than 64 KiB")
    void headTooLarge() throws Exception {
      assertThat(answerTo("GET / HTTP/1.1\r\nX: " + "a".repeat(70_000) + "\r\n\r\n"))
          .endsWith("Bad request: request head larger than 65536 bytes\n");
    }
  }

  @Test
  @DisplayName("awaitRequest times out saying what did not arrive, with the timeline")
  void awaitTimesOut() throws Exception {
    try (ScriptedServer server = ScriptedServer.start(Scripts.http(200, "ok"))) {
      assertThatThrownBy(() -> server.awaitRequest(1, Duration.ofMillis(50)))
          .isInstanceOf(TimeoutException.class)
          .hasMessageStartingWith("Expected HTTP request #1 within 50 ms, but none arrived.")
          .hasMessageContaining("Connections (0)");
      assertThat(server.requests()).isEqualTo(List.of());
    }
  }
}
