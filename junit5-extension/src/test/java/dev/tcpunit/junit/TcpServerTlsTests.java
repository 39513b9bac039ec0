package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.probe.ConnectionRecord;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

@Timeout(60)
@DisplayName(
    "@TcpServer(tls = true): HTTPS with injected trust, handshake faults, checked declarations")
class TcpServerTlsTests {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Nested
  @DisplayName("on the wire")
  class OnTheWire {

    @Test
    @DisplayName("an HTTPS request with the injected SSLContext succeeds")
    void https() {
      TestKit.Outcomes outcomes = TestKit.run(HttpsTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("getWithInjectedTrust");
    }

    @Test
    @DisplayName("named fields: a URI and an X509TrustManager of one server")
    void namedFields() {
      TestKit.Outcomes outcomes = TestKit.run(NamedFieldsTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("trustManagerField");
    }

    @Test
    @DisplayName("resetHandshakeFirst and hangHandshake fault the handshake")
    void handshakeFaults() {
      TestKit.Outcomes outcomes = TestKit.run(HandshakeFaultsTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("hangs", "resetThenServed");
    }
  }

  @Nested
  @DisplayName("validation")
  class Validation {

    @Test
    void handshakeFaultWithoutTls() {
      assertThat(TestKit.run(ResetHandshakeWithoutTlsTestCase.class).onlyFailure())
          .isExactlyInstanceOf(ParameterResolutionException.class)
          .hasMessage(
              "@TcpServer on parameter [int port] in method [void"
                  + " ResetHandshakeWithoutTlsTestCase.test(int)] requires tls = true with"
                  + " resetHandshakeFirst but tls is not set. Add tls = true, or leave"
                  + " resetHandshakeFirst out.");
    }

    @Test
    void hangHandshakeWithAnotherBehaviour() {
      assertThat(TestKit.run(HangHandshakeAndReplyTestCase.class).onlyFailure())
          .isExactlyInstanceOf(ExtensionConfigurationException.class)
          .hasMessage(
              "@TcpServer on field [int HangHandshakeAndReplyTestCase.port] requires"
                  + " hangHandshake without reply, httpStatus, hang or script (the handshake never"
                  + " completes, so they would never run) but reply is set. Keep one of them.");
    }

    @Test
    void resetHandshakeFirstAndResetFirst() {
      assertThat(TestKit.run(BothResetsTestCase.class).onlyFailure())
          .isExactlyInstanceOf(ParameterResolutionException.class)
          .hasMessage(
              "@TcpServer on parameter [int port] in method [void BothResetsTestCase.test(int)]"
                  + " requires at most one of resetHandshakeFirst and resetFirst but both are"
                  + " set. Keep one of them.");
    }

    @Test
    void trustOfAServerWithoutTls() {
      assertThat(TestKit.run(TrustWithoutTlsTestCase.class).onlyFailure())
          .isExactlyInstanceOf(ParameterResolutionException.class)
          .hasMessage(
              "@TcpServer on parameter [SSLContext trust] in method [void"
                  + " TrustWithoutTlsTestCase.test(SSLContext)] requires a server with tls = true"
                  + " for the type SSLContext but tls is not set. Add tls = true to the"
                  + " declaration that configures the server.");
    }

    @Test
    void trustOfANamedServerWithoutTls() {
      assertThat(TestKit.run(NamedTrustWithoutTlsTestCase.class).onlyFailure())
          .isExactlyInstanceOf(ParameterResolutionException.class)
          .hasMessage(
              "@TcpServer(\"plain\") on parameter [X509TrustManager trust] in method [void"
                  + " NamedTrustWithoutTlsTestCase.test(int, X509TrustManager)] requires a server"
                  + " with tls = true for the type X509TrustManager but the server \"plain\" does"
                  + " not serve TLS. Add tls = true to the declaration that configures the"
                  + " server.");
    }

    @Test
    void plainTrustWithTwoTlsServers() {
      assertThat(TestKit.run(TwoTlsServersTestCase.class).onlyFailure())
          .isExactlyInstanceOf(ParameterResolutionException.class)
          .hasMessage(
              "Parameter [SSLContext trust] in method [void TwoTlsServersTestCase.test(int, int,"
                  + " SSLContext)] requires exactly one @TcpServer(tls = true) in scope but found"
                  + " 2: @TcpServer(\"a\") on parameter [int a] in method [void"
                  + " TwoTlsServersTestCase.test(int, int, SSLContext)] and @TcpServer(\"b\") on"
                  + " parameter [int b] in method [void TwoTlsServersTestCase.test(int, int,"
                  + " SSLContext)]. Annotate the parameter with @TcpServer(\"a\") or"
                  + " @TcpServer(\"b\").");
    }

    @Test
    @DisplayName("a plain SSLContext parameter without a TLS server in scope is not ours")
    void plainTrustWithoutTlsServer() {
      assertThat(TestKit.run(NoTlsServerTestCase.class).onlyFailure())
          .isExactlyInstanceOf(ParameterResolutionException.class)
          .hasMessageStartingWith(
              "No ParameterResolver registered for parameter [javax.net.ssl.SSLContext");
    }
  }

  private static SSLSocket handshake(InetSocketAddress address, SSLContext trust, int timeoutMs)
      throws Exception {
    Socket plain = new Socket();
    plain.connect(address, (int) WAIT.toMillis());
    plain.setSoTimeout(timeoutMs);
    SSLSocket socket =
        (SSLSocket)
            trust
                .getSocketFactory()
                .createSocket(plain, address.getHostString(), address.getPort(), true);
    try {
      socket.startHandshake();
      return socket;
    } catch (Exception e) {
      socket.close();
      throw e;
    }
  }

  // Fixtures: run through TestKit only.

  @Fixture
  static class HttpsTestCase {
    @Test
    void getWithInjectedTrust(
        @TcpServer(tls = true, httpStatus = 200, httpBody = "secure") URI uri,
        SSLContext trust,
        ConnectionProbe probe)
        throws Exception {
      assertThat(uri.getScheme()).isEqualTo("https");
      HttpClient client = HttpClient.newBuilder().sslContext(trust).connectTimeout(WAIT).build();
      var response =
          client.send(HttpRequest.newBuilder(uri).timeout(WAIT).build(), BodyHandlers.ofString());
      assertThat(response.body()).isEqualTo("secure");
      assertThat(probe.connection(1).handshakeCompletedAt()).isPresent();
    }
  }

  @Fixture
  static class NamedFieldsTestCase {
    @TcpServer(value = "api", tls = true, httpStatus = 204)
    URI uri;

    @TcpServer("api")
    X509TrustManager trustManager;

    @Test
    void trustManagerField() throws Exception {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(WAIT).build();
      var response =
          client.send(HttpRequest.newBuilder(uri).timeout(WAIT).build(), BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(204);
    }
  }

  @Fixture
  static class HandshakeFaultsTestCase {
    @Test
    void resetThenServed(
        @TcpServer(value = "flaky", tls = true, resetHandshakeFirst = 1, reply = "ok")
            InetSocketAddress address,
        @TcpServer("flaky") SSLContext trust,
        @TcpServer("flaky") ConnectionProbe probe)
        throws Exception {
      assertThatThrownBy(() -> handshake(address, trust, (int) WAIT.toMillis()).close())
          .isInstanceOfAny(SocketException.class, SSLException.class);
      try (SSLSocket socket = handshake(address, trust, (int) WAIT.toMillis())) {
        socket.getOutputStream().write('?');
        assertThat(socket.getInputStream().readNBytes(2)).isEqualTo(new byte[] {'o', 'k'});
      }
      List<ConnectionRecord> records = probe.awaitAllClosed(WAIT);
      assertThat(records)
          .extracting(ConnectionRecord::end)
          .first()
          .isEqualTo(ConnectionEnd.SERVER_RESET);
      assertThat(records.get(1).handshakeCompletedAt()).isPresent();
    }

    @Test
    void hangs(
        @TcpServer(tls = true, hangHandshake = true) InetSocketAddress address, SSLContext trust) {
      assertThatThrownBy(() -> handshake(address, trust, 300).close())
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Fixture
  static class ResetHandshakeWithoutTlsTestCase {
    @Test
    void test(@TcpServer(resetHandshakeFirst = 1) int port) {}
  }

  @Fixture
  static class HangHandshakeAndReplyTestCase {
    @TcpServer(tls = true, hangHandshake = true, reply = "x")
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class BothResetsTestCase {
    @Test
    void test(@TcpServer(tls = true, resetHandshakeFirst = 1, resetFirst = 1) int port) {}
  }

  @Fixture
  static class TrustWithoutTlsTestCase {
    @Test
    void test(@TcpServer(reply = "x") SSLContext trust) {}
  }

  @Fixture
  static class NamedTrustWithoutTlsTestCase {
    @Test
    void test(
        @TcpServer(value = "plain", reply = "x") int port,
        @TcpServer("plain") X509TrustManager trust) {}
  }

  @Fixture
  static class TwoTlsServersTestCase {
    @Test
    void test(
        @TcpServer(value = "a", tls = true) int a,
        @TcpServer(value = "b", tls = true) int b,
        SSLContext trust) {}
  }

  @Fixture
  static class NoTlsServerTestCase {
    @Test
    void test(@TcpServer int port, SSLContext trust) {}
  }
}
