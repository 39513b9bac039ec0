package dev.tcpunit.samples.http;

import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.junit.TcpServer;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.server.ConnectionScript;
import dev.tcpunit.server.HttpResponse;
import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.Scripts;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Apache HttpClient 5 async (non-blocking I/O, whole responses buffered by {@code
 * SimpleHttpResponse}) retries an idempotent request once after a reset, even mid-body since
 * nothing reached the caller yet, but not after a FIN without an answer, unlike the classic client.
 * Failures arrive wrapped in an {@link ExecutionException}; timeouts are checked at the I/O
 * reactor's select interval (1 s by default), so a 400 ms response timeout fires after about 1 s.
 */
@DisplayName("Apache HttpClient 5 async")
@org.junit.jupiter.api.Timeout(30)
class ApacheHttpClientAsyncSample {

  private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(400);

  // One connection at the most: the client completes a response before it returns the connection
  // to the pool, so a second request sent at once would otherwise open a new connection instead of
  // reusing the kept-alive one.
  private final CloseableHttpAsyncClient client =
      HttpAsyncClients.custom()
          .setConnectionManager(
              PoolingAsyncClientConnectionManagerBuilder.create()
                  .setMaxConnTotal(1)
                  .setMaxConnPerRoute(1)
                  .setDefaultConnectionConfig(
                      ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(2)).build())
                  .build())
          .setDefaultRequestConfig(
              RequestConfig.custom().setResponseTimeout(Timeout.of(RESPONSE_TIMEOUT)).build())
          .build();

  @BeforeEach
  void startClient() {
    client.start();
  }

  @AfterEach
  void closeClient() {
    client.close(CloseMode.GRACEFUL);
  }

  @Nested
  @DisplayName("on a fresh connection")
  class FreshConnection {

    @Test
    @DisplayName("retries a GET reset after the request once, on a new connection, and succeeds")
    void getReset(
        @TcpServer(resetFirst = 1, httpStatus = 200, httpBody = "ok") URI uri,
        ConnectionProbe probe)
        throws Exception {
      assertThat(get(uri)).isEqualTo("ok");

      assertThat(probe).hasConnections(2).connection(1).wasResetByServer();
      assertThat(probe).retries().hasCount(1).firstRetryWithin(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("does not retry a POST reset after the request: SocketException after one attempt")
    void postReset(
        @TcpServer(resetFirst = 1, httpStatus = 200, httpBody = "ok") URI uri,
        ConnectionProbe probe) {
      assertThatThrownBy(() -> post(uri, "order=42"))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("Connection reset");

      assertThat(probe).hasConnections(1).connection(1).wasResetByServer();
    }

    @Test
    @DisplayName("does not retry a GET closed (FIN) without a response, unlike the classic client")
    void getFinWithoutResponse(
        @TcpServer(closeFirst = 1, httpStatus = 200, httpBody = "ok") URI uri,
        ConnectionProbe probe) {
      assertThatThrownBy(() -> get(uri))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(ConnectionClosedException.class)
          .hasMessage("Connection closed by peer");

      assertThat(probe).hasConnections(1).connection(1).wasClosedByServer();
    }

    @Test
    @DisplayName(
        "retries a GET reset mid-body, since the caller has seen nothing yet, and succeeds")
    void resetMidBody(@TcpServer ScriptedServer server) throws Exception {
      server.script(
          ConnectionScript.create()
              .readRequest()
              .respondTruncated(HttpResponse.of(200, "x".repeat(1000)), 100)
              .reset(),
          Scripts.http(200, "ok"));

      assertThat(get(server.uri())).isEqualTo("ok");

      assertThat(server.probe()).hasConnections(2).connection(1).wasResetByServer();
      assertThat(server.probe()).retries().hasCount(1);
    }

    @Test
    @DisplayName("gives up at the reactor's next check after the response timeout, with a reset")
    void hang(@TcpServer(hang = true) URI uri, ConnectionProbe probe) {
      long asked = System.nanoTime();
      assertThatThrownBy(() -> get(uri))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(SocketTimeoutException.class);
      // Measured here, less the clients' millisecond clocks: the probe's record opens at the
      // accept, which a busy machine may delay past the moment the client started waiting.
      assertThat(Duration.ofNanos(System.nanoTime() - asked))
          .isGreaterThanOrEqualTo(RESPONSE_TIMEOUT.minusMillis(10));

      assertThat(probe)
          .hasConnections(1)
          .allClosedWithin(Duration.ofSeconds(5))
          .connection(1)
          .wasResetByClient()
          .lastedAtMost(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("fails fast with HttpHostConnectException when nothing listens")
    void refused(@TcpServer ScriptedServer server) {
      server.stopListening();

      assertThatThrownBy(() -> get(server.uri()))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(HttpHostConnectException.class)
          .hasMessageEndingWith("Connection refused");

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
    @DisplayName("retries the GET on a new connection and succeeds")
    void get() throws Exception {
      assertThat(ApacheHttpClientAsyncSample.this.get(server.uri())).isEqualTo("first");
      assertThat(ApacheHttpClientAsyncSample.this.get(server.uri())).isEqualTo("second");

      assertThat(server.probe()).hasConnections(2).connection(1).wasResetByServer();
      assertThat(server.probe()).retries().hasCount(1);
    }

    @Test
    @DisplayName("does not retry the POST: the reset surfaces")
    void post() throws Exception {
      assertThat(ApacheHttpClientAsyncSample.this.post(server.uri(), "a")).isEqualTo("first");
      assertThatThrownBy(() -> ApacheHttpClientAsyncSample.this.post(server.uri(), "b"))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("Connection reset");

      assertThat(server.probe()).hasConnections(1).connection(1).wasResetByServer();
    }
  }

  private String get(URI uri) throws InterruptedException, ExecutionException, TimeoutException {
    return send(SimpleRequestBuilder.get(uri).build());
  }

  private String post(URI uri, String body)
      throws InterruptedException, ExecutionException, TimeoutException {
    return send(SimpleRequestBuilder.post(uri).setBody(body, ContentType.TEXT_PLAIN).build());
  }

  private String send(SimpleHttpRequest request)
      throws InterruptedException, ExecutionException, TimeoutException {
    return client.execute(request, null).get(10, TimeUnit.SECONDS).getBodyText();
  }
}
