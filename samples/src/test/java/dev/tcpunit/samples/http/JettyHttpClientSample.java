package dev.tcpunit.samples.http;

import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.tcpunit.junit.TcpServer;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.server.ConnectionScript;
import dev.tcpunit.server.HttpResponse;
import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.Scripts;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Jetty HttpClient 12 never retries: every failure reaches the caller after one attempt, even the
 * race with a server that drops a kept-alive connection, which OkHttp and Apache HttpClient absorb.
 * It reports a reset as an {@link EOFException}, like a FIN. An application that wants retries adds
 * them, for example with Failsafe.
 */
@DisplayName("Jetty HttpClient 12")
@Timeout(30)
class JettyHttpClientSample {

  private static final Duration IDLE_TIMEOUT = Duration.ofMillis(400);

  private final HttpClient client = new HttpClient();

  @BeforeEach
  void startClient() throws Exception {
    client.setConnectTimeout(2_000);
    client.start();
  }

  @AfterEach
  void stopClient() throws Exception {
    client.stop();
  }

  @Nested
  @DisplayName("on a fresh connection")
  class FreshConnection {

    @Test
    @DisplayName(
        "does not retry a GET reset after the request: the reset surfaces as end of stream")
    void getReset(
        @TcpServer(resetFirst = 1, httpStatus = 200, httpBody = "ok") URI uri,
        ConnectionProbe probe) {
      assertThatThrownBy(() -> get(uri))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(EOFException.class);

      assertThat(probe).hasConnections(1).connection(1).wasResetByServer();
    }

    @Test
    @DisplayName(
        "does not retry a POST reset after the request: the reset surfaces as end of stream")
    void postReset(
        @TcpServer(resetFirst = 1, httpStatus = 200, httpBody = "ok") URI uri,
        ConnectionProbe probe) {
      assertThatThrownBy(() -> post(uri, "order=42"))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(EOFException.class);

      assertThat(probe).hasConnections(1).connection(1).wasResetByServer();
    }

    @Test
    @DisplayName("does not retry a GET closed (FIN) without a response: EOFException")
    void finWithoutResponse(
        @TcpServer(closeFirst = 1, httpStatus = 200, httpBody = "ok") URI uri,
        ConnectionProbe probe) {
      assertThatThrownBy(() -> get(uri))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(EOFException.class);

      assertThat(probe).hasConnections(1).connection(1).wasClosedByServer();
    }

    @Test
    @DisplayName("fails the whole exchange on a reset mid-body: EOFException, no partial content")
    void resetMidBody(@TcpServer ScriptedServer server) {
      server.script(
          ConnectionScript.create()
              .readRequest()
              .respondTruncated(HttpResponse.of(200, "x".repeat(1000)), 100)
              .reset(),
          Scripts.http(200, "ok"));

      assertThatThrownBy(() -> get(server.uri()))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(EOFException.class);

      assertThat(server.probe()).hasConnections(1).connection(1).wasResetByServer();
    }

    @Test
    @DisplayName("gives up when the request's idle timeout expires and closes the connection")
    void hang(@TcpServer(hang = true) URI uri, ConnectionProbe probe) {
      Request request =
          client
              .newRequest(uri)
              .idleTimeout(IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .timeout(10, TimeUnit.SECONDS);

      long asked = System.nanoTime();
      assertThatThrownBy(request::send)
          .isInstanceOf(TimeoutException.class)
          .hasMessageStartingWith("Idle timeout expired");
      // Measured here, less the clients' millisecond clocks: the probe's record opens at the
      // accept, which a busy machine may delay past the moment the client started waiting.
      assertThat(Duration.ofNanos(System.nanoTime() - asked))
          .isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(10));

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

      assertThatThrownBy(() -> get(server.uri()))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(ConnectException.class)
          .hasMessage("Connection refused");

      assertThat(server.probe()).hasNoConnections();
    }
  }

  @Nested
  @DisplayName("on a kept-alive connection the server resets when the next request arrives")
  class StaleConnection {

    @TcpServer ScriptedServer server;

    @BeforeEach
    void keepAliveThenReset() {
      server.script(
          ConnectionScript.create()
              .readRequest()
              .respond(HttpResponse.of(200, "first"))
              .readRequest()
              .reset(),
          Scripts.http(200, "second"));
    }

    @Test
    @DisplayName("does not retry even a GET: the reset surfaces as end of stream")
    void get() throws Exception {
      assertThat(JettyHttpClientSample.this.get(server.uri())).isEqualTo("first");
      assertThatThrownBy(() -> JettyHttpClientSample.this.get(server.uri()))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(EOFException.class);

      assertThat(server.probe()).hasConnections(1).connection(1).wasResetByServer();
    }

    @Test
    @DisplayName("with Failsafe, succeeds on a new connection after a 50 ms delay")
    void getWithFailsafe() throws Exception {
      RetryPolicy<String> retry =
          RetryPolicy.<String>builder()
              .handle(ExecutionException.class)
              .withDelay(Duration.ofMillis(50))
              .withMaxRetries(2)
              .build();

      assertThat(JettyHttpClientSample.this.get(server.uri())).isEqualTo("first");
      assertThat(Failsafe.with(retry).get(() -> JettyHttpClientSample.this.get(server.uri())))
          .isEqualTo("second");

      assertThat(server.probe()).hasConnections(2).connection(1).wasResetByServer();
      assertThat(server.probe())
          .retries()
          .hasCount(1)
          .delaysBetween(Duration.ofMillis(40), Duration.ofSeconds(2));
    }
  }

  private String get(URI uri) throws InterruptedException, ExecutionException, TimeoutException {
    return client.newRequest(uri).timeout(10, TimeUnit.SECONDS).send().getContentAsString();
  }

  private String post(URI uri, String body)
      throws InterruptedException, ExecutionException, TimeoutException {
    return client
        .POST(uri)
        .body(new StringRequestContent(body))
        .timeout(10, TimeUnit.SECONDS)
        .send()
        .getContentAsString();
  }
}
