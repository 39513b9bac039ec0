package dev.tcpunit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionRecord;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
@DisplayName(
    "A TLS scripted server: a generated certificate, injectable trust, scripts on decrypted bytes")
class ScriptedServerTlsTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static ScriptedServer tlsServer(ConnectionScript first, ConnectionScript... rest) {
    List<ConnectionScript> scripts = new java.util.ArrayList<>(List.of(rest));
    scripts.add(0, first);
    return ScriptedServer.builder().tls().scripts(scripts).start();
  }

  private static HttpClient trusting(ScriptedServer server) {
    return HttpClient.newBuilder()
        .sslContext(server.tls().sslContext())
        .connectTimeout(WAIT)
        .build();
  }

  private static HttpRequest get(ScriptedServer server) {
    return HttpRequest.newBuilder(server.uri().resolve("/hello")).timeout(WAIT).build();
  }

  @Nested
  @DisplayName("trust")
  class Trust {

    @Test
    @DisplayName(
        "an HTTPS request with the server's SSLContext succeeds; the probe has the handshake")
    void httpsWithInjectedTrust() throws Exception {
      try (ScriptedServer server = tlsServer(Scripts.http(200, "secure"))) {
        assertThat(server.uri().toString()).startsWith("https://127.0.0.1:");
        var response = trusting(server).send(get(server), BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("secure");
        assertThat(server.awaitRequest(1, WAIT).target()).isEqualTo("/hello");
        ConnectionRecord record = server.probe().awaitConnections(1, WAIT).get(0);
        assertThat(record.handshakeCompletedAt()).isPresent();
        assertThat(record.handshakeCompletedAt().get()).isGreaterThanOrEqualTo(record.opened());
        assertThat(record.firstByteAt().get())
            .isGreaterThanOrEqualTo(record.handshakeCompletedAt().get());
        assertThat(server.probe().timeline()).contains("tls(ms)");
      }
    }

    @Test
    @DisplayName("the trust manager and the trust store accept the server's certificate")
    void trustManagerAndStore() throws Exception {
      try (ScriptedServer server = tlsServer(Scripts.echo())) {
        ServerTls tls = server.tls();
        assertThat(tls.certificates()).containsExactly(tls.certificate());
        tls.trustManager()
            .checkServerTrusted(new java.security.cert.X509Certificate[] {tls.certificate()}, "EC");
        assertThat(tls.trustStore().getCertificateAlias(tls.certificate())).isNotNull();
        assertThat(tls.sslContext()).isSameAs(tls.sslContext());
        assertThat(tls.certificate().getSubjectAlternativeNames())
            .extracting(name -> (Object) name.get(1))
            .contains((Object) "localhost", (Object) "127.0.0.1");
      }
    }

    @Test
    @DisplayName(
        "a client without the server's trust fails the handshake; the probe records its alert")
    void untrustedClientFails() throws Exception {
      try (ScriptedServer server = tlsServer(Scripts.http(200, "secure"))) {
        HttpClient untrusting = HttpClient.newBuilder().connectTimeout(WAIT).build();
        assertThatThrownBy(() -> untrusting.send(get(server), BodyHandlers.ofString()))
            .isInstanceOf(SSLHandshakeException.class);
        ConnectionRecord record = server.probe().awaitAllClosed(WAIT).get(0);
        assertThat(record.handshakeCompletedAt()).isEmpty();
        assertThat(record.end()).isEqualTo(ConnectionEnd.CLIENT_FIN);
        // HttpClient closes without sending its alert, or with it.
        assertThat(record.detail())
            .matches(
                "FIN during the TLS handshake"
                    + "|TLS handshake failed: .*Received fatal alert: certificate_unknown");
        assertThat(record.bytesFromClient()).isZero();
        assertThat(server.requests()).isEmpty();
      }
    }

    @Test
    @DisplayName("an SSLSocket without the server's trust sends its alert; the probe records it")
    void untrustedSocketSendsAlert() throws Exception {
      try (ScriptedServer server = tlsServer(Scripts.echo());
          TlsClient client = TlsClient.connect(server, SSLContext.getDefault())) {
        assertThatThrownBy(client::handshake).isInstanceOf(SSLHandshakeException.class);
        ConnectionRecord record = server.probe().awaitAllClosed(WAIT).get(0);
        assertThat(record.handshakeCompletedAt()).isEmpty();
        assertThat(record.detail())
            .startsWith("TLS handshake failed: ")
            .contains("Received fatal alert: certificate_unknown");
        assertThat(record.end()).isEqualTo(ConnectionEnd.CLIENT_FIN);
      }
    }

    @Test
    @DisplayName("a server without TLS has no trust material")
    void plainServerHasNoTls() {
      try (ScriptedServer server = ScriptedServer.start(Scripts.echo())) {
        assertThat(server.isTls()).isFalse();
        assertThatThrownBy(server::tls)
            .isInstanceOf(IllegalStateException.class)
            .hasMessage(
                server
                    + " does not serve TLS, so it has no trust material. Build it with"
                    + " ScriptedServer.builder().tls(), or @TcpServer(tls = true).");
      }
    }
  }

  @Nested
  @DisplayName("scripts run on decrypted bytes")
  class Steps {

    @Test
    @DisplayName("readLine, write, echo: the client reads plain text; bytes are application bytes")
    void readWriteEcho() throws Exception {
      try (ScriptedServer server =
              tlsServer(ConnectionScript.create().readLine().write("hi\n").echo());
          TlsClient client = TlsClient.connect(server, server.tls().sslContext())) {
        client.handshake().send("hello\n");
        assertThat(client.read(3)).isEqualTo("hi\n");
        client.send("again");
        assertThat(client.read(5)).isEqualTo("again");
        client.closeTls();
        ConnectionRecord record = server.probe().awaitAllClosed(WAIT).get(0);
        assertThat(record.bytesFromClient()).isEqualTo(11);
        assertThat(record.bytesToClient()).isEqualTo(8);
        assertThat(record.end()).isEqualTo(ConnectionEnd.CLIENT_FIN);
        assertThat(record.detail()).isEqualTo("close_notify");
      }
    }

    @Test
    @Timeout(180)
    @DisplayName("a write over a megabyte arrives whole, and the echo of a large upload too")
    void largeTransfers() throws Exception {
      // Over the 1 MiB one pump encrypts before it lets the loop turn (64 records of 16 KiB).
      byte[] big = new byte[3 * 1024 * 512 + 17];
      new java.util.Random(42).nextBytes(big);
      try (ScriptedServer server =
              tlsServer(ConnectionScript.create().readLine().write(big).echo());
          TlsClient client = TlsClient.connect(server, server.tls().sslContext())) {
        client.handshake().send("go\n");
        assertThat(client.socket().getInputStream().readNBytes(big.length)).isEqualTo(big);
        CompletableFuture<byte[]> echoed =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return client.socket().getInputStream().readNBytes(big.length);
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
        client.socket().getOutputStream().write(big);
        client.socket().getOutputStream().flush();
        // Slow on a loaded machine: both sides encrypt and decrypt every byte on a shared core.
        assertThat(echoed.get(150, TimeUnit.SECONDS)).isEqualTo(big);
        assertThat(server.probe().connection(1).bytesToClient()).isEqualTo(2L * big.length);
      }
    }

    @Test
    @DisplayName("close() sends close_notify: the client reads the end of the stream")
    void closeSendsCloseNotify() throws Exception {
      try (ScriptedServer server =
              tlsServer(ConnectionScript.create().readLine().write("bye").close());
          TlsClient client = TlsClient.connect(server, server.tls().sslContext())) {
        client.handshake().send("x\n");
        assertThat(client.readToEnd()).isEqualTo("bye");
        ConnectionRecord record = server.probe().awaitAllClosed(WAIT).get(0);
        assertThat(record.end()).isEqualTo(ConnectionEnd.SERVER_FIN);
        assertThat(record.bytesToClient()).isEqualTo(3);
      }
    }

    @Test
    @DisplayName("reset() after the handshake: the client's read fails")
    void resetAfterHandshake() throws Exception {
      try (ScriptedServer server = tlsServer(ConnectionScript.create().readLine().reset());
          TlsClient client = TlsClient.connect(server, server.tls().sslContext())) {
        client.handshake().send("x\n");
        Throwable failure = catchThrowable(client::readToEnd);
        assertThat(failure).isInstanceOfAny(SocketException.class, SSLException.class);
        ConnectionRecord record = server.probe().awaitAllClosed(WAIT).get(0);
        assertThat(record.end()).isEqualTo(ConnectionEnd.SERVER_RESET);
        assertThat(record.handshakeCompletedAt()).isPresent();
      }
    }

    @Test
    @DisplayName("a client closing right after the handshake still has its handshake recorded")
    void closeRightAfterHandshake() throws Exception {
      try (ScriptedServer server = tlsServer(ConnectionScript.create().hang())) {
        for (int i = 0; i < 20; i++) {
          try (TlsClient client = TlsClient.connect(server, server.tls().sslContext())) {
            client.handshake().closeTls();
          }
        }
        List<ConnectionRecord> records = server.probe().awaitAllClosed(WAIT);
        assertThat(records).hasSize(20);
        assertThat(records)
            .allSatisfy(record -> assertThat(record.handshakeCompletedAt()).isPresent());
      }
    }

    @Test
    @DisplayName("a client's FIN without close_notify is told apart from close_notify")
    void finWithoutCloseNotify() throws Exception {
      try (ScriptedServer server = tlsServer(Scripts.echo());
          TlsClient client = TlsClient.connect(server, server.tls().sslContext())) {
        client.handshake().send("ping");
        assertThat(client.read(4)).isEqualTo("ping");
        client.finWithoutCloseNotify();
        ConnectionRecord record = server.probe().awaitAllClosed(WAIT).get(0);
        assertThat(record.end()).isEqualTo(ConnectionEnd.CLIENT_FIN);
        assertThat(record.detail()).isEqualTo("FIN without close_notify");
      }
    }
  }

  @Nested
  @DisplayName("handshake faults")
  class HandshakeFaults {

    @Test
    @DisplayName(
        "resetHandshake(): the client's handshake fails with a reset; the probe shows SERVER_RESET")
    void resetBeforeServerHello() throws Exception {
      try (ScriptedServer server = tlsServer(Scripts.resetHandshake(), Scripts.http(200, "ok"));
          TlsClient client = TlsClient.connect(server, server.tls().sslContext())) {
        Throwable failure = catchThrowable(client::handshake);
        assertThat(failure).isInstanceOfAny(SocketException.class, SSLException.class);
        ConnectionRecord record = server.probe().awaitAllClosed(WAIT).get(0);
        assertThat(record.end()).isEqualTo(ConnectionEnd.SERVER_RESET);
        assertThat(record.detail()).isEqualTo("TLS handshake reset before ServerHello");
        assertThat(record.handshakeCompletedAt()).isEmpty();
        assertThat(record.bytesFromClient()).isZero();
        var response = trusting(server).send(get(server), BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("ok");
      }
    }

    @Test
    @DisplayName("hangHandshake(): the client's handshake times out")
    void hangDuringHandshake() throws Exception {
      try (ScriptedServer server = tlsServer(Scripts.hangHandshake());
          TlsClient client = TlsClient.connect(server, server.tls().sslContext())) {
        client.timeout(Duration.ofMillis(300));
        assertThatThrownBy(client::handshake).isInstanceOf(SocketTimeoutException.class);
        // A busy machine may accept later than the client's 300 ms: wait for the record.
        assertThat(server.probe().awaitConnections(1, WAIT).get(0).isOpen()).isTrue();
        client.finWithoutCloseNotify();
        ConnectionRecord record = server.probe().awaitAllClosed(WAIT).get(0);
        assertThat(record.end()).isEqualTo(ConnectionEnd.CLIENT_FIN);
        assertThat(record.handshakeCompletedAt()).isEmpty();
      }
    }

    @Test
    @DisplayName("a handshake fault on a server without TLS is refused")
    void handshakeFaultWithoutTls() {
      assertThatThrownBy(() -> ScriptedServer.start(Scripts.resetHandshake()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "scripts: ConnectionScript[resetHandshake()] faults the TLS handshake, but the server"
                  + " does not serve TLS (expected: a server built with tls(), or a script without"
                  + " handshake faults)");
      try (ScriptedServer server = ScriptedServer.start(Scripts.echo())) {
        assertThatThrownBy(() -> server.script(Scripts.hangHandshake()))
            .hasMessageStartingWith("scripts: ConnectionScript[hangHandshake()] faults the TLS");
      }
    }

    @Test
    @DisplayName("a handshake fault must be a script's only step")
    void handshakeFaultFirstAndOnly() {
      assertThatThrownBy(() -> ConnectionScript.create().readLine().resetHandshake())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "resetHandshake() after readLine() would come after the TLS handshake. Make it the"
                  + " first and only step: ConnectionScript.create().resetHandshake()");
      assertThatThrownBy(() -> Scripts.hangHandshake().write("x"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "A step after hangHandshake() would never run. End the script there, or put the"
                  + " step before it.");
    }
  }

  @Test
  @DisplayName("a server given an SSLContext serves TLS but cannot tell the client whom to trust")
  void ownSslContext() throws Exception {
    SSLContext serverContext;
    SSLContext clientContext;
    try (ScriptedServer generated = tlsServer(Scripts.echo())) {
      serverContext = generated.tls().serverContext();
      clientContext = generated.tls().sslContext();
    }
    try (ScriptedServer server =
            ScriptedServer.builder()
                .tls(TlsIdentity.of(serverContext))
                .scripts(List.of(Scripts.echo()))
                .start();
        TlsClient client = TlsClient.connect(server, clientContext)) {
      client.handshake().send("x");
      assertThat(client.read(1)).isEqualTo("x");
      assertThatThrownBy(() -> server.tls().sslContext())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "ServerTls.sslContext() needs the server's certificate, but the server presents the"
                  + " SSLContext given to TlsIdentity.of, whose certificate tcpunit does not know."
                  + " Build the client's trust from your own material, or start the server with"
                  + " TlsIdentity.generated() or TlsIdentity.of(KeyStore, char[]).");
    }
  }
}
