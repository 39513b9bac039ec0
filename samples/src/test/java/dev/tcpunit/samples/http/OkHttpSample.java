package dev.tcpunit.samples.http;

import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.tcpunit.junit.ExpectReset;
import dev.tcpunit.junit.TcpServer;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.server.ConnectionScript;
import dev.tcpunit.server.HttpRequest;
import dev.tcpunit.server.HttpResponse;
import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.Scripts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * OkHttp 5 retries only where it can tell the request never reached a live server: on a pooled
 * connection that turned out to be dead. A failure on a fresh connection, a FIN without an answer,
 * a reset mid-body and a read timeout reach the caller after exactly one attempt; an application
 * that wants more wraps the call in a retry library.
 */
@DisplayName("OkHttp 5")
@Timeout(30)
class OkHttpSample {

  private static final Duration READ_TIMEOUT = Duration.ofMillis(400);

  private final OkHttpClient client =
      new OkHttpClient.Builder()
          .connectTimeout(Duration.ofSeconds(2))
          .readTimeout(READ_TIMEOUT)
          .callTimeout(Duration.ofSeconds(10))
          .build();

  @AfterEach
  void closeClient() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  @Nested
  @DisplayName("on a fresh connection")
  class FreshConnection {

    @Test
    @ExpectReset
    @DisplayName("does not retry a GET reset after the request: the reset surfaces to the caller")
    void getReset(@TcpServer(resetFirst = 1, httpStatus = 200, httpBody = "ok") URI uri)
        throws IOException {
      get(client, uri); // throws SocketException: Connection reset
    }

    @Test
    @DisplayName("does not retry a POST reset after the request: SocketException after one attempt")
    void postReset(
        @TcpServer(resetFirst = 1, httpStatus = 200, httpBody = "ok") ScriptedServer server) {
      assertThatThrownBy(() -> post(client, server.uri(), "order=42"))
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("Connection reset");

      assertThat(server.probe()).hasConnections(1).connection(1).wasResetByServer();
      assertThat(server.requests()).extracting(HttpRequest::bodyText).containsExactly("order=42");
    }

    @Test
    @DisplayName(
        "does not retry a FIN without a response: 'unexpected end of stream' after one attempt")
    void finWithoutResponse(
        @TcpServer(closeFirst = 1, httpStatus = 200, httpBody = "ok") URI uri,
        ConnectionProbe probe) {
      assertThatThrownBy(() -> get(client, uri))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("unexpected end of stream");

      assertThat(probe).hasConnections(1).connection(1).wasClosedByServer();
      assertThat(probe).retries().hasCount(0);
    }

    @Test
    @DisplayName("surfaces a reset mid-body while the body is read, after the status arrived")
    void resetMidBody(@TcpServer ScriptedServer server) throws IOException {
      server.script(
          ConnectionScript.create()
              .readRequest()
              .respondTruncated(HttpResponse.of(200, "x".repeat(1000)), 100)
              .reset(),
          Scripts.http(200, "ok"));

      try (Response response = call(client, request(server.uri()))) {
        assertThat(response.code()).isEqualTo(200);
        ResponseBody body = response.body();
        assertThatThrownBy(body::string)
            .isInstanceOf(SocketException.class)
            .hasMessageContaining("Connection reset");
      }

      assertThat(server.probe()).hasConnections(1).connection(1).wasResetByServer();
    }

    @Test
    @DisplayName("gives up when the server hangs: SocketTimeoutException after the read timeout")
    void hang(@TcpServer(hang = true) URI uri, ConnectionProbe probe) {
      long asked = System.nanoTime();
      assertThatThrownBy(() -> get(client, uri)).isInstanceOf(SocketTimeoutException.class);
      // Measured here, less the clients' millisecond clocks: the probe's record opens at the
      // accept, which a busy machine may delay past the moment the client started waiting.
      assertThat(Duration.ofNanos(System.nanoTime() - asked))
          .isGreaterThanOrEqualTo(READ_TIMEOUT.minusMillis(10));

      assertThat(probe)
          .hasConnections(1)
          .allClosedWithin(Duration.ofSeconds(5))
          .connection(1)
          .wasClosedByClient()
          .lastedAtMost(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("fails fast with ConnectException when nothing listens")
    void refused(@TcpServer ScriptedServer server) {
      server.stopListening();

      assertThatThrownBy(() -> get(client, server.uri()))
          .isInstanceOf(ConnectException.class)
          .hasRootCauseMessage("Connection refused");

      assertThat(server.probe()).hasNoConnections();
    }
  }

  @Nested
  @DisplayName("on a kept-alive connection the server resets when the next request arrives")
  class StaleConnection {

    @TcpServer ScriptedServer server;

    private final ConnectionScript answersOnceThenResets =
        ConnectionScript.create()
            .readRequest()
            .respond(HttpResponse.of(200, "first"))
            .readRequest()
            .reset();

    @BeforeEach
    void keepAliveThenReset() {
      server.script(answersOnceThenResets, Scripts.http(200, "second"));
    }

    @Test
    @ExpectReset(recovered = true)
    @DisplayName("retries the GET once on a new connection and succeeds")
    void get() throws IOException {
      assertThat(OkHttpSample.get(client, server.uri())).isEqualTo("first");
      assertThat(OkHttpSample.get(client, server.uri())).isEqualTo("second");

      assertThat(server.probe()).hasConnections(2).connection(1).wasResetByServer();
      assertThat(server.probe()).retries().hasCount(1).firstRetryWithin(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("retries even a POST: the body is sent twice, once to the dead connection")
    void post() throws IOException {
      assertThat(OkHttpSample.post(client, server.uri(), "a")).isEqualTo("first");
      assertThat(OkHttpSample.post(client, server.uri(), "b")).isEqualTo("second");

      assertThat(server.probe()).hasConnections(2).connection(1).wasResetByServer();
      assertThat(server.probe()).retries().hasCount(1);
      assertThat(server.requests())
          .extracting(HttpRequest::bodyText)
          .containsExactly("a", "b", "b");
    }

    @Test
    @DisplayName("surfaces the reset when retryOnConnectionFailure is off")
    void noRetryOnConnectionFailure() throws IOException {
      OkHttpClient strict = client.newBuilder().retryOnConnectionFailure(false).build();

      assertThat(OkHttpSample.get(strict, server.uri())).isEqualTo("first");
      assertThatThrownBy(() -> OkHttpSample.get(strict, server.uri()))
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("Connection reset");

      assertThat(server.probe()).hasConnections(1).connection(1).wasResetByServer();
    }
  }

  @Nested
  @DisplayName("with Failsafe")
  class WithFailsafe {

    @Test
    @DisplayName("retries a reset POST with exponential back-off 100, 200, 400 ms and succeeds")
    void backOff(
        @TcpServer(resetFirst = 3, httpStatus = 200, httpBody = "ok") URI uri,
        ConnectionProbe probe) {
      RetryPolicy<String> backOff =
          RetryPolicy.<String>builder()
              .handle(IOException.class)
              .withBackoff(Duration.ofMillis(100), Duration.ofMillis(800), 2.0)
              .withMaxRetries(3)
              .build();

      String body = Failsafe.with(backOff).get(() -> post(client, uri, "order=42"));

      assertThat(body).isEqualTo("ok");
      assertThat(probe).hasConnections(4).hasResets(3);
      assertThat(probe)
          .retries()
          .hasCount(3)
          .delaysBetween(Duration.ofMillis(90), Duration.ofSeconds(3))
          // Each delay is Failsafe's back-off plus the scheduling noise of a busy 2-core machine.
          .backOffGrowsBy(2.0, 0.75);
    }
  }

  private static Request request(URI uri) {
    return new Request.Builder().url(uri.toString()).build();
  }

  private static Response call(OkHttpClient client, Request request) throws IOException {
    return client.newCall(request).execute();
  }

  private static String get(OkHttpClient client, URI uri) throws IOException {
    try (Response response = call(client, request(uri))) {
      return response.body().string();
    }
  }

  private static String post(OkHttpClient client, URI uri, String body) throws IOException {
    Request request =
        new Request.Builder()
            .url(uri.toString())
            .post(RequestBody.create(body, MediaType.get("text/plain")))
            .build();
    try (Response response = call(client, request)) {
      return response.body().string();
    }
  }
}
