package dev.tcpunit.samples.http;

import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tcpunit.junit.ExpectReset;
import dev.tcpunit.junit.TcpServer;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.server.ConnectionScript;
import dev.tcpunit.server.HttpRequest;
import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.Scripts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the JDK's {@link HttpURLConnection} does when the server resets, closes without an answer,
 * or hangs. Unlike {@code java.net.http.HttpClient}, it retries a failed request once on a new
 * connection whatever its method, POST included (the system property {@code sun.net.http.retryPost}
 * is {@code true} by default). Observed on JDK 17 and JDK 25 alike.
 */
@DisplayName("HttpURLConnection against a server that misbehaves")
@Timeout(30)
class HttpUrlConnectionSample {

  private static final int READ_TIMEOUT_MS = 500;

  @Nested
  @DisplayName("a GET")
  class Get {

    @Test
    @ExpectReset(recovered = true)
    @DisplayName("is retried once on a new connection after a reset, and succeeds")
    void isRetriedOnceAfterAReset(
        @TcpServer(resetFirst = 1, httpStatus = 200, httpBody = "ok") URI server,
        ConnectionProbe probe)
        throws IOException {
      assertThat(get(server)).isEqualTo("200 ok");

      assertThat(probe).hasConnections(2).retriedAfterReset();
      assertThat(probe).retries().hasCount(1).delaysAtMost(Duration.ofMillis(500));
    }

    @Test
    @ExpectReset(atLeast = 2)
    @DisplayName("gives up after one retry when every connection is reset: the reset surfaces")
    void surfacesTheResetAfterOneRetry(@TcpServer(script = ResetAfterRequest.class) URI server)
        throws IOException {
      get(server);
    }

    @Test
    @DisplayName("is retried once when the server closes without an answer, then fails")
    void isRetriedOnceAfterAFin(
        @TcpServer(closeFirst = 2, httpStatus = 200) URI server, ConnectionProbe probe) {
      assertThatThrownBy(() -> get(server))
          .isInstanceOf(SocketException.class)
          .hasMessage("Unexpected end of file from server");

      assertThat(probe).hasConnections(2);
      assertThat(probe).connection(1).wasClosedByServer().sentBytes(0);
      assertThat(probe).connection(2).wasClosedByServer().sentBytes(0);
    }

    @Test
    @DisplayName("times out on a server that never answers, without a retry")
    void timesOutOnAHangingServer(@TcpServer(hang = true) URI server, ConnectionProbe probe) {
      assertThatThrownBy(() -> get(server))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessage("Read timed out");

      assertThat(probe).hasConnections(1);
    }
  }

  @Nested
  @DisplayName("a POST")
  class Post {

    @Test
    @ExpectReset(recovered = true)
    @DisplayName("is sent twice after a reset: the server receives the same body two times")
    void isSentTwiceAfterAReset(
        @TcpServer(resetFirst = 1, httpStatus = 201, httpBody = "created") ScriptedServer server)
        throws IOException {
      assertThat(post(server.uri(), "order=1")).isEqualTo("201 created");

      assertThat(server.requests())
          .extracting(HttpRequest::method, HttpRequest::bodyText)
          .containsExactly(tuple("POST", "order=1"), tuple("POST", "order=1"));
      assertThat(server.probe()).hasConnections(2).retriedAfterReset();
    }

    @Test
    @DisplayName("times out on a server that never answers, without a retry")
    void timesOutOnAHangingServer(@TcpServer(hang = true) URI server, ConnectionProbe probe) {
      assertThatThrownBy(() -> post(server, "order=1"))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessage("Read timed out");

      assertThat(probe).hasConnections(1);
    }
  }

  @Nested
  @DisplayName("when the failure comes later, on reuse, or earlier")
  class OtherFailures {

    @Test
    @DisplayName("sends a POST again after a FIN without an answer, and succeeds")
    void postFinWithoutResponse(
        @TcpServer(closeFirst = 1, httpStatus = 200, httpBody = "ok") ScriptedServer server)
        throws IOException {
      assertThat(post(server.uri(), "order=1")).isEqualTo("200 ok");

      assertThat(server.probe()).hasConnections(2).connection(1).wasClosedByServer().sentBytes(0);
      assertThat(server.requests())
          .extracting(HttpRequest::connection, HttpRequest::bodyText)
          .containsExactly(tuple(1, "order=1"), tuple(2, "order=1"));
    }

    @Test
    @DisplayName("does not retry a GET reset mid-body: SocketException while the body is read")
    void resetMidBody(@TcpServer ScriptedServer server) {
      server.script(
          ConnectionScript.create()
              .readRequest()
              .respondTruncated(dev.tcpunit.server.HttpResponse.of(200, "x".repeat(1000)), 100)
              .reset(),
          Scripts.http(200, "ok"));

      assertThatThrownBy(() -> get(server.uri()))
          .isInstanceOf(SocketException.class)
          .hasMessage("Connection reset");

      assertThat(server.probe()).hasConnections(1).connection(1).wasResetByServer();
    }

    @Test
    @DisplayName("retries a GET and even a POST on a new connection when a kept-alive one is reset")
    void staleKeptAliveConnection(@TcpServer ScriptedServer server) throws IOException {
      ConnectionScript answersOnceThenResets =
          ConnectionScript.create()
              .readRequest()
              .respond(dev.tcpunit.server.HttpResponse.of(200, "kept alive"))
              .readRequest()
              .reset();
      server.script(answersOnceThenResets, answersOnceThenResets, Scripts.http(200, "fresh"));

      assertThat(get(server.uri())).isEqualTo("200 kept alive");
      assertThat(get(server.uri())).isEqualTo("200 kept alive");
      assertThat(post(server.uri(), "p")).isEqualTo("200 fresh");

      assertThat(server.probe()).hasConnections(3).hasResets(2);
      assertThat(server.probe()).retries().hasCount(2);
      assertThat(server.requests())
          .extracting(HttpRequest::connection, HttpRequest::method)
          .containsExactly(
              tuple(1, "GET"),
              tuple(1, "GET"),
              tuple(2, "GET"),
              tuple(2, "POST"),
              tuple(3, "POST"));
    }

    @Test
    @DisplayName("fails fast with ConnectException when nothing listens")
    void refused(@TcpServer ScriptedServer server) {
      server.stopListening();

      assertThatThrownBy(() -> get(server.uri()))
          .isInstanceOf(ConnectException.class)
          .hasMessage("Connection refused");

      assertThat(server.probe()).hasNoConnections();
    }
  }

  private static String get(URI server) throws IOException {
    HttpURLConnection connection = open(server);
    try {
      return answer(connection);
    } finally {
      connection.disconnect();
    }
  }

  private static String post(URI server, String body) throws IOException {
    HttpURLConnection connection = open(server);
    try {
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body.getBytes(StandardCharsets.UTF_8));
      }
      return answer(connection);
    } finally {
      connection.disconnect();
    }
  }

  private static HttpURLConnection open(URI server) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) server.toURL().openConnection();
    connection.setConnectTimeout(5_000);
    connection.setReadTimeout(READ_TIMEOUT_MS);
    return connection;
  }

  private static String answer(HttpURLConnection connection) throws IOException {
    int status = connection.getResponseCode();
    try (InputStream in = connection.getInputStream()) {
      return status + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Resets every connection after its request. */
  static final class ResetAfterRequest implements Supplier<ConnectionScript> {
    @Override
    public ConnectionScript get() {
      return Scripts.resetAfterRequest();
    }
  }
}
