package dev.tcpunit.samples.http;

import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
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
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Apache HttpClient 5 (classic, blocking I/O) retries a request once when it is idempotent and the
 * failure is an I/O error other than a timeout, a refused connect or a closed connection: a GET
 * after a reset or after a FIN without an answer is repeated on a new connection, a POST never. Its
 * own retry multiplies with an application's retry library.
 */
@DisplayName("Apache HttpClient 5 classic")
@org.junit.jupiter.api.Timeout(30)
class ApacheHttpClientClassicSample {

  private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(400);

  private final CloseableHttpClient client =
      HttpClients.custom()
          .setConnectionManager(
              PoolingHttpClientConnectionManagerBuilder.create()
                  .setDefaultConnectionConfig(
                      ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(2)).build())
                  .build())
          .setDefaultRequestConfig(
              RequestConfig.custom().setResponseTimeout(Timeout.of(RESPONSE_TIMEOUT)).build())
          .build();

  @AfterEach
  void closeClient() throws IOException {
    client.close();
  }

  @Nested
  @DisplayName("on a fresh connection")
  class FreshConnection {

    @Test
    @ExpectReset(recovered = true)
    @DisplayName("retries a GET reset after the request once, on a new connection, and succeeds")
    void getReset(
        @TcpServer(resetFirst = 1, httpStatus = 200, httpBody = "ok") URI uri,
        ConnectionProbe probe)
        throws IOException {
      assertThat(get(uri)).isEqualTo("ok");

      assertThat(probe).hasConnections(2).connection(1).wasResetByServer();
      assertThat(probe).retries().hasCount(1).firstRetryWithin(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("retries a GET only once: a second reset surfaces after two connections")
    void getResetTwice(
        @TcpServer(resetFirst = 2, httpStatus = 200, httpBody = "ok") URI uri,
        ConnectionProbe probe) {
      assertThatThrownBy(() -> get(uri))
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("Connection reset");

      assertThat(probe).hasConnections(2).hasResets(2);
      assertThat(probe).retries().hasCount(1);
    }

    @Test
    @DisplayName("does not retry a POST reset after the request: SocketException after one attempt")
    void postReset(
        @TcpServer(resetFirst = 1, httpStatus = 200, httpBody = "ok") ScriptedServer server) {
      assertThatThrownBy(() -> post(server.uri(), "order=42"))
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("Connection reset");

      assertThat(server.probe()).hasConnections(1).connection(1).wasResetByServer();
      assertThat(server.requests()).extracting(HttpRequest::bodyText).containsExactly("order=42");
    }

    @Test
    @DisplayName("retries a GET the server closed (FIN) without a response, and succeeds")
    void getFinWithoutResponse(
        @TcpServer(closeFirst = 1, httpStatus = 200, httpBody = "ok") URI uri,
        ConnectionProbe probe)
        throws IOException {
      assertThat(get(uri)).isEqualTo("ok");

      assertThat(probe).hasConnections(2).connection(1).wasClosedByServer().sentBytes(0);
      assertThat(probe).retries().hasCount(1);
    }

    @Test
    @DisplayName("does not retry a POST closed without a response: NoHttpResponseException")
    void postFinWithoutResponse(
        @TcpServer(closeFirst = 1, httpStatus = 200, httpBody = "ok") URI uri,
        ConnectionProbe probe) {
      assertThatThrownBy(() -> post(uri, "order=42"))
          .isInstanceOf(NoHttpResponseException.class)
          .hasMessageEndingWith("failed to respond");

      assertThat(probe).hasConnections(1).connection(1).wasClosedByServer();
    }

    @Test
    @DisplayName("surfaces a reset mid-body to the response handler, without a retry")
    void resetMidBody(@TcpServer ScriptedServer server) {
      server.script(
          ConnectionScript.create()
              .readRequest()
              .respondTruncated(HttpResponse.of(200, "x".repeat(1000)), 100)
              .reset(),
          Scripts.http(200, "ok"));

      assertThatThrownBy(() -> get(server.uri()))
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("Connection reset");

      assertThat(server.probe()).hasConnections(1).connection(1).wasResetByServer();
    }

    @Test
    @DisplayName("gives up after the response timeout and resets the connection it abandons")
    void hang(@TcpServer(hang = true) URI uri, ConnectionProbe probe) {
      long asked = System.nanoTime();
      assertThatThrownBy(() -> get(uri))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessage("Read timed out");
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
    @DisplayName(
        "fails fast with HttpHostConnectException (a ConnectException) when nothing listens")
    void refused(@TcpServer ScriptedServer server) {
      server.stopListening();

      assertThatThrownBy(() -> get(server.uri()))
          .isInstanceOf(ConnectException.class)
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
    void get() throws IOException {
      assertThat(ApacheHttpClientClassicSample.this.get(server.uri())).isEqualTo("first");
      assertThat(ApacheHttpClientClassicSample.this.get(server.uri())).isEqualTo("second");

      assertThat(server.probe()).hasConnections(2).connection(1).wasResetByServer();
      assertThat(server.probe()).retries().hasCount(1);
    }

    @Test
    @DisplayName("does not retry the POST: the reset surfaces, unlike OkHttp")
    void post() throws IOException {
      assertThat(ApacheHttpClientClassicSample.this.post(server.uri(), "a")).isEqualTo("first");
      assertThatThrownBy(() -> ApacheHttpClientClassicSample.this.post(server.uri(), "b"))
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("Connection reset");

      assertThat(server.probe()).hasConnections(1).connection(1).wasResetByServer();
    }
  }

  @Nested
  @DisplayName("with Failsafe")
  class WithFailsafe {

    @Test
    @DisplayName("makes twice as many connections as Failsafe attempts: both layers retry a GET")
    void retriesMultiply(
        @TcpServer(resetFirst = 100, httpStatus = 200) URI uri, ConnectionProbe probe) {
      RetryPolicy<String> threeAttempts =
          RetryPolicy.<String>builder()
              .handle(IOException.class)
              .withDelay(Duration.ofMillis(50))
              .withMaxAttempts(3)
              .build();

      assertThatThrownBy(() -> Failsafe.with(threeAttempts).get(() -> get(uri)))
          .isInstanceOf(FailsafeException.class)
          .hasCauseInstanceOf(SocketException.class);

      assertThat(probe).hasConnections(6).hasResets(6);
      assertThat(probe).retries().hasCount(5);
    }
  }

  private String get(URI uri) throws IOException {
    return client.execute(new HttpGet(uri), r -> EntityUtils.toString(r.getEntity()));
  }

  private String post(URI uri, String body) throws IOException {
    HttpPost post = new HttpPost(uri);
    post.setEntity(new StringEntity(body, ContentType.TEXT_PLAIN));
    return client.execute(post, r -> EntityUtils.toString(r.getEntity()));
  }
}
