package dev.tcpunit.samples.http;

import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.junit.TcpServer;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.server.ConnectionScript;
import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.Scripts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the JDK's {@link HttpClient} (HTTP/1.1) does when the server resets, closes without an
 * answer, or hangs. Observed on JDK 17 and JDK 25 alike. The first case, a GET retried once after a
 * reset and then answered, is {@link FirstConnectionResetSample}: the README's example.
 */
@DisplayName("java.net.http.HttpClient (HTTP/1.1) against a server that misbehaves")
@Timeout(30)
class JdkHttpClientSample {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Nested
  @DisplayName("a GET")
  class Get {

    @Test
    @DisplayName(
        "gives up after one retry when every connection is reset, and the reset does not"
            + " surface as one")
    void givesUpAfterOneRetry(
        @TcpServer(script = ResetAfterRequest.class) URI server, ConnectionProbe probe) {
      assertThatThrownBy(() -> send(get(server)))
          .isInstanceOf(IOException.class)
          .hasMessage("HTTP/1.1 header parser received no bytes");

      assertThat(probe).hasConnections(2).allClosedWithin(Duration.ofSeconds(5));
      assertThat(probe).connection(1).wasResetByServer();
      assertThat(probe).connection(2).wasResetByServer();
    }

    @Test
    @DisplayName("is retried once when the server closes without an answer, then fails")
    void isRetriedOnceAfterAFin(
        @TcpServer(closeFirst = 2, httpStatus = 200) URI server, ConnectionProbe probe) {
      assertThatThrownBy(() -> send(get(server)))
          .isInstanceOf(IOException.class)
          .hasMessage("HTTP/1.1 header parser received no bytes");

      assertThat(probe).hasConnections(2);
      assertThat(probe).connection(1).wasClosedByServer().sentBytes(0);
      assertThat(probe).connection(2).wasClosedByServer().sentBytes(0);
    }

    @Test
    @DisplayName("times out on a server that never answers, and closes the connection (FIN)")
    void timesOutOnAHangingServer(@TcpServer(hang = true) URI server, ConnectionProbe probe) {
      assertThatThrownBy(() -> send(get(server))).isInstanceOf(HttpTimeoutException.class);

      assertThat(probe).hasAtMostConnections(1).allClosedWithin(Duration.ofSeconds(10));
      assertThat(probe).everyConnection(c -> c.wasClosedByClient().sentBytes(0));
    }
  }

  @Nested
  @DisplayName("a POST")
  class Post {

    @Test
    @DisplayName("is not retried after a reset: the client fails on its first connection")
    void isNotRetriedAfterAReset(
        @TcpServer(resetFirst = 1, httpStatus = 200) URI server, ConnectionProbe probe) {
      assertThatThrownBy(() -> send(post(server, "order=1")))
          .isInstanceOf(IOException.class)
          .hasMessage("HTTP/1.1 header parser received no bytes");

      assertThat(probe).hasConnections(1);
      assertThat(probe).connection(1).wasResetByServer();
    }

    @Test
    @DisplayName("is not retried when the server closes without an answer")
    void isNotRetriedAfterAFin(
        @TcpServer(closeFirst = 1, httpStatus = 200) URI server, ConnectionProbe probe) {
      assertThatThrownBy(() -> send(post(server, "order=1")))
          .isInstanceOf(IOException.class)
          .hasMessage("HTTP/1.1 header parser received no bytes");

      assertThat(probe).hasConnections(1);
      assertThat(probe).connection(1).wasClosedByServer().sentBytes(0);
    }

    @Test
    @DisplayName("times out on a server that never answers, and closes the connection (FIN)")
    void timesOutOnAHangingServer(@TcpServer(hang = true) URI server, ConnectionProbe probe) {
      assertThatThrownBy(() -> send(post(server, "order=1")))
          .isInstanceOf(HttpTimeoutException.class);

      assertThat(probe).hasAtMostConnections(1).allClosedWithin(Duration.ofSeconds(10));
      assertThat(probe).everyConnection(c -> c.wasClosedByClient().sentBytes(0));
    }
  }

  @Nested
  @DisplayName("a GET, when the failure comes later or earlier")
  class GetOtherFailures {

    @Test
    @DisplayName("is not retried after a reset mid-body: the short body surfaces as an IOException")
    void resetMidBody(@TcpServer ScriptedServer server) {
      server.script(
          ConnectionScript.create()
              .readRequest()
              .respondTruncated(dev.tcpunit.server.HttpResponse.of(200, "x".repeat(1000)), 100)
              .reset(),
          Scripts.http(200, "ok"));

      assertThatThrownBy(() -> send(get(server.uri())))
          .isInstanceOf(IOException.class)
          .hasMessage("fixed content-length: 1000, bytes received: 100");

      assertThat(server.probe()).hasConnections(1).connection(1).wasResetByServer();
    }

    @Test
    @DisplayName("is retried on a new connection when a kept-alive one is reset, and succeeds")
    void staleKeptAliveConnection(@TcpServer ScriptedServer server) throws Exception {
      server.script(
          ConnectionScript.create()
              .readRequest()
              .respond(dev.tcpunit.server.HttpResponse.of(200, "first"))
              .readRequest()
              .reset(),
          Scripts.http(200, "second"));

      assertThat(send(get(server.uri())).body()).isEqualTo("first");
      assertThat(send(get(server.uri())).body()).isEqualTo("second");

      assertThat(server.probe()).hasConnections(2).connection(1).wasResetByServer();
      assertThat(server.probe()).retries().hasCount(1).firstRetryWithin(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("fails fast with ConnectException when nothing listens")
    void refused(@TcpServer ScriptedServer server) {
      server.stopListening();

      assertThatThrownBy(() -> send(get(server.uri()))).isInstanceOf(ConnectException.class);

      assertThat(server.probe()).hasNoConnections();
    }
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest get(URI server) {
    return HttpRequest.newBuilder(server).timeout(REQUEST_TIMEOUT).build();
  }

  private static HttpRequest post(URI server, String body) {
    return HttpRequest.newBuilder(server)
        .timeout(REQUEST_TIMEOUT)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** Resets every connection after its request. */
  static final class ResetAfterRequest implements Supplier<ConnectionScript> {
    @Override
    public ConnectionScript get() {
      return Scripts.resetAfterRequest();
    }
  }
}
