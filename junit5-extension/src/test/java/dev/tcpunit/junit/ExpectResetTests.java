package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.server.ScriptedServer;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.opentest4j.AssertionFailedError;

@Timeout(60)
@DisplayName("@ExpectReset")
class ExpectResetTests {

  static final String NL = System.lineSeparator();
  static final Duration WAIT = Duration.ofSeconds(5);

  /** Runs a fixture expected to fail, with a short await timeout. */
  static Throwable failureOf(Class<?> fixture) {
    return TestKit.run(fixture, "tcpunit.timeout.default", TestKit.SHORT_TIMEOUT).onlyFailure();
  }

  static void assertPasses(Class<?> fixture, String... tests) {
    TestKit.Outcomes outcomes = TestKit.run(fixture);
    assertThat(outcomes.failed()).isEmpty();
    assertThat(outcomes.succeeded()).containsExactly(tests);
  }

  /** One JDK HTTP client for the fixtures that need it: creating the first one takes a while. */
  static final class Http {
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
      return CLIENT.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString());
    }
  }

  /** The label and timeline of a server, as failure messages show them. */
  static String block(String label, ScriptedServer server) {
    return label + ":" + NL + server.probe().timeline();
  }

  /** A client call whose reset the client swallows. */
  static void swallowReset(int port) {
    assertThatThrownBy(() -> Clients.exchange(port, "ping", 4))
        .isInstanceOf(SocketException.class)
        .hasMessageContaining("Connection reset");
  }

  /** Waits until the server's connections all ended, so that its timeline no longer changes. */
  static void settle(ScriptedServer server) {
    try {
      server.probe().awaitAllClosed(WAIT);
    } catch (TimeoutException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Nested
  @DisplayName("passes")
  class Passes {

    @Test
    void whenTheResetSurfacesAndSwallowsIt() {
      assertPasses(SurfacedTestCase.class, "test");
    }

    @Test
    void whenTheResetIsACauseOfWhatTheTestThrew() {
      assertPasses(WrappedTestCase.class, "test");
    }

    @Test
    void whenTheClientRecoveredByRetrying() {
      assertPasses(RecoveredTestCase.class, "test");
    }

    @Test
    void whenTheCountIsWithinAtLeastAndAtMost() {
      assertPasses(TwoResetsTestCase.class, "test");
    }

    @Test
    void whenTheNamedServerWasReset() {
      assertPasses(NamedServerTestCase.class, "test");
    }

    @Test
    void inEveryInvocationOfARepeatedTest() {
      assertPasses(RepeatedTestCase.class, "test", "test", "test");
    }

    @Test
    void withJavaNetHttpClientWhenTheResetSurfaces() {
      assertPasses(HttpClientSurfacedTestCase.class, "test");
    }

    @Test
    void withJavaNetHttpClientWhenItRetriesAGetOnItsOwn() {
      assertPasses(HttpClientRecoveredTestCase.class, "test");
    }
  }

  @Nested
  @DisplayName("fails")
  class Fails {

    @Test
    void whenNoConnectionWasReset() {
      Throwable thrown = failureOf(NoResetTestCase.class);
      String method = "method [void NoResetTestCase.test(ScriptedServer)]";
      assertThat(thrown)
          .isExactlyInstanceOf(AssertionFailedError.class)
          .hasMessage(
              NL
                  + "Expecting "
                  + method
                  + NL
                  + "  to throw a connection reset, as @ExpectReset requires,"
                  + NL
                  + "but it completed normally and no connection was reset within 300 ms."
                  + NL
                  + block(
                      "@TcpServer on parameter [ScriptedServer server] in " + method,
                      NoResetTestCase.server));
    }

    @Test
    void whenTheResetDidNotSurface() {
      Throwable thrown = failureOf(NotSurfacedTestCase.class);
      String method = "method [void NotSurfacedTestCase.test(ScriptedServer)]";
      assertThat(thrown)
          .isExactlyInstanceOf(AssertionFailedError.class)
          .hasMessage(
              NL
                  + "Expecting "
                  + method
                  + NL
                  + "  to throw a connection reset, as @ExpectReset requires,"
                  + NL
                  + "but it completed normally although 1 connection was reset."
                  + NL
                  + "Use @ExpectReset(recovered = true) if the client is meant to recover from"
                  + " the reset."
                  + NL
                  + block(
                      "@TcpServer on parameter [ScriptedServer server] in " + method,
                      NotSurfacedTestCase.server));
    }

    @Test
    void whenARecoveringClientDidNotRetry() {
      Throwable thrown = failureOf(NoRetryTestCase.class);
      String label = "@TcpServer on field [ScriptedServer NoRetryTestCase.server]";
      assertThat(thrown)
          .isExactlyInstanceOf(AssertionFailedError.class)
          .hasMessage(
              NL
                  + "Expecting a new connection to "
                  + label
                  + NL
                  + "  after the reset of connection #1, as @ExpectReset(recovered = true)"
                  + " requires,"
                  + NL
                  + "but none opened within 300 ms: the client did not retry."
                  + NL
                  + block(label, NoRetryTestCase.server));
    }

    @Test
    void whenARecoveringClientThrewTheReset() {
      Throwable thrown = failureOf(RecoveredButThrewTestCase.class);
      String label = "@TcpServer on field [ScriptedServer RecoveredButThrewTestCase.server]";
      assertThat(thrown)
          .isExactlyInstanceOf(AssertionFailedError.class)
          .hasMessage(
              NL
                  + "Expecting method [void RecoveredButThrewTestCase.test()]"
                  + NL
                  + "  to complete normally, as @ExpectReset(recovered = true) requires,"
                  + NL
                  + "but it threw java.net.SocketException: Connection reset"
                  + NL
                  + block(label, RecoveredButThrewTestCase.server))
          .cause()
          .isExactlyInstanceOf(SocketException.class);
    }

    @Test
    void whenFewerThanAtLeastWereReset() {
      Throwable thrown = failureOf(TooFewTestCase.class);
      String label = "@TcpServer on field [ScriptedServer TooFewTestCase.server]";
      assertThat(thrown)
          .isExactlyInstanceOf(AssertionFailedError.class)
          .hasMessage(
              NL
                  + "Expecting at least 2 connections in scope of @ExpectReset(atLeast = 2) on"
                  + " method [void TooFewTestCase.test()]"
                  + NL
                  + "  to have been reset"
                  + NL
                  + "but 1 was within 300 ms."
                  + NL
                  + block(label, TooFewTestCase.server))
          .cause()
          .isExactlyInstanceOf(SocketException.class);
    }

    @Test
    void whenMoreThanAtMostWereReset() {
      Throwable thrown = failureOf(TooManyTestCase.class);
      String label = "@TcpServer on field [ScriptedServer TooManyTestCase.server]";
      assertThat(thrown)
          .isExactlyInstanceOf(AssertionFailedError.class)
          .hasMessage(
              NL
                  + "Expecting at most 1 connection in scope of @ExpectReset(atMost = 1) on"
                  + " method [void TooManyTestCase.test()]"
                  + NL
                  + "  to have been reset"
                  + NL
                  + "but 2 were."
                  + NL
                  + block(label, TooManyTestCase.server));
    }

    @Test
    void whenAnotherServerThanTheNamedOneWasReset() {
      Throwable thrown = failureOf(WrongServerTestCase.class);
      assertThat(thrown)
          .isExactlyInstanceOf(AssertionFailedError.class)
          .hasMessage(
              NL
                  + "Expecting at least 1 connection in scope of @ExpectReset(server = \"b\") on"
                  + " method [void WrongServerTestCase.test()]"
                  + NL
                  + "  to have been reset"
                  + NL
                  + "but 0 were within 300 ms."
                  + NL
                  + block(
                      "@TcpServer(\"b\") on field [ScriptedServer WrongServerTestCase.b]",
                      WrongServerTestCase.b));
    }

    @Test
    void whenOnlyAnEarlierTestResetAConnectionOfAStaticServer() {
      TestKit.Outcomes outcomes =
          TestKit.run(StaticServerTestCase.class, "tcpunit.timeout.default", TestKit.SHORT_TIMEOUT);
      assertThat(outcomes.succeeded()).containsExactly("earlier");
      String label = "@TcpServer on field [ScriptedServer StaticServerTestCase.server]";
      assertThat(outcomes.failed())
          .containsOnlyKeys("later")
          .extractingByKey("later")
          .isExactlyInstanceOf(AssertionFailedError.class)
          .hasFieldOrPropertyWithValue(
              "message",
              NL
                  + "Expecting at least 1 connection in scope of @ExpectReset on method [void"
                  + " StaticServerTestCase.later()]"
                  + NL
                  + "  to have been reset"
                  + NL
                  + "but 0 were within 300 ms."
                  + NL
                  + block(label, StaticServerTestCase.server));
    }

    @Test
    void withWhatTheTestThrewWhenItIsNotAReset() {
      assertThat(failureOf(OtherExceptionTestCase.class))
          .isExactlyInstanceOf(IllegalStateException.class)
          .hasMessage("not a reset");
    }

    @Test
    void withTheEndOfStreamWhenTheServerClosedInsteadOfResetting() {
      assertThat(failureOf(FinTestCase.class)).isExactlyInstanceOf(EOFException.class);
    }
  }

  // Fixtures: run through TestKit only.

  @Fixture
  static class SurfacedTestCase {
    @Test
    @ExpectReset
    void test(@TcpServer(resetFirst = 1) int port) throws IOException {
      Clients.exchange(port, "ping", 4);
    }
  }

  @Fixture
  static class WrappedTestCase {
    @Test
    @ExpectReset
    void test(@TcpServer(resetFirst = 1) int port) {
      try {
        Clients.exchange(port, "ping", 4);
      } catch (IOException e) {
        throw new IllegalStateException("call failed", new UncheckedIOException(e));
      }
    }
  }

  @Fixture
  static class RecoveredTestCase {
    @Test
    @ExpectReset(recovered = true)
    void test(@TcpServer(resetFirst = 1) int port) throws IOException {
      String answer;
      try {
        answer = Clients.exchange(port, "ping", 4);
      } catch (SocketException e) {
        answer = Clients.exchange(port, "ping", 4);
      }
      assertThat(answer).isEqualTo("ping");
    }
  }

  @Fixture
  static class TwoResetsTestCase {
    @Test
    @ExpectReset(atLeast = 2, atMost = 2)
    void test(@TcpServer(resetFirst = 2) int port) throws IOException {
      swallowReset(port);
      Clients.exchange(port, "ping", 4);
    }
  }

  @Fixture
  static class NamedServerTestCase {
    @TcpServer(value = "a", resetFirst = 1)
    int a;

    @TcpServer("b")
    int b;

    @Test
    @ExpectReset(server = "a")
    void test() throws IOException {
      assertThat(Clients.exchange(b, "ping", 4)).isEqualTo("ping");
      Clients.exchange(a, "ping", 4);
    }
  }

  @Fixture
  static class RepeatedTestCase {
    @RepeatedTest(3)
    @ExpectReset(atMost = 1)
    void test(@TcpServer(resetFirst = 1) int port) throws IOException {
      Clients.exchange(port, "ping", 4);
    }
  }

  /** The JDK's client surfaces a reset as "header parser received no bytes" caused by it. */
  @Fixture
  static class HttpClientSurfacedTestCase {
    @Test
    @ExpectReset
    void test(@TcpServer(resetFirst = 10, httpStatus = 200, httpBody = "ok") URI uri)
        throws Exception {
      Http.get(uri);
    }
  }

  /** The JDK's client retries a GET once when the connection is reset before any response byte. */
  @Fixture
  static class HttpClientRecoveredTestCase {
    @Test
    @ExpectReset(recovered = true, atMost = 1)
    void test(@TcpServer(resetFirst = 1, httpStatus = 200, httpBody = "ok") URI uri)
        throws Exception {
      assertThat(Http.get(uri).body()).isEqualTo("ok");
    }
  }

  @Fixture
  static class NoResetTestCase {
    static volatile ScriptedServer server;

    @Test
    @ExpectReset
    void test(@TcpServer ScriptedServer server) throws IOException {
      NoResetTestCase.server = server;
      assertThat(Clients.exchange(server.port(), "ping", 4)).isEqualTo("ping");
      settle(server);
    }
  }

  @Fixture
  static class NotSurfacedTestCase {
    static volatile ScriptedServer server;

    @Test
    @ExpectReset
    void test(@TcpServer(resetFirst = 1) ScriptedServer server) {
      NotSurfacedTestCase.server = server;
      swallowReset(server.port());
      settle(server);
    }
  }

  @Fixture
  static class NoRetryTestCase {
    @TcpServer(resetFirst = 1)
    static ScriptedServer server;

    @Test
    @ExpectReset(recovered = true)
    void test() {
      swallowReset(server.port());
      settle(server);
    }
  }

  @Fixture
  static class RecoveredButThrewTestCase {
    @TcpServer(resetFirst = 1)
    static ScriptedServer server;

    @Test
    @ExpectReset(recovered = true)
    void test() throws IOException {
      try {
        Clients.exchange(server.port(), "ping", 4);
      } finally {
        settle(server);
      }
    }
  }

  @Fixture
  static class TooFewTestCase {
    @TcpServer(resetFirst = 1)
    static ScriptedServer server;

    @Test
    @ExpectReset(atLeast = 2)
    void test() throws IOException {
      try {
        Clients.exchange(server.port(), "ping", 4);
      } finally {
        settle(server);
      }
    }
  }

  @Fixture
  static class TooManyTestCase {
    @TcpServer(resetFirst = 2)
    static ScriptedServer server;

    @Test
    @ExpectReset(atMost = 1)
    void test() throws IOException {
      swallowReset(server.port());
      try {
        Clients.exchange(server.port(), "ping", 4);
      } finally {
        settle(server);
      }
    }
  }

  @Fixture
  static class WrongServerTestCase {
    @TcpServer(value = "a", resetFirst = 1)
    static ScriptedServer a;

    @TcpServer("b")
    static ScriptedServer b;

    @Test
    @ExpectReset(server = "b")
    void test() throws IOException {
      try {
        Clients.exchange(a.port(), "ping", 4);
      } finally {
        settle(a);
      }
    }
  }

  @Fixture
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  @Execution(ExecutionMode.SAME_THREAD)
  static class StaticServerTestCase {
    @TcpServer(resetFirst = 1)
    static ScriptedServer server;

    @Test
    @Order(1)
    void earlier() {
      swallowReset(server.port());
      settle(server);
    }

    @Test
    @Order(2)
    @ExpectReset
    void later() throws IOException {
      throw new SocketException("Connection reset");
    }
  }

  @Fixture
  static class OtherExceptionTestCase {
    @Test
    @ExpectReset
    void test(@TcpServer(resetFirst = 1) int port) {
      swallowReset(port);
      throw new IllegalStateException("not a reset");
    }
  }

  @Fixture
  static class FinTestCase {
    @Test
    @ExpectReset
    void test(@TcpServer(closeFirst = 1) int port) throws IOException {
      Clients.exchange(port, "ping", 4);
    }
  }
}
