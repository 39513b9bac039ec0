package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

@Timeout(60)
@DisplayName("@ExpectReset rejects bad declarations")
class ExpectResetValidationTests {

  private static void assertError(Class<?> fixture, String message, String... parameters) {
    assertThat(TestKit.run(fixture, parameters).onlyFailure())
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(message);
  }

  @Test
  void withoutAServerInScope() {
    assertError(
        NoServerTestCase.class,
        "@ExpectReset on method [void NoServerTestCase.bar()] requires a @TcpServer or @Proxied in"
            + " scope but none was declared. Declare one on a field or parameter.");
  }

  @Test
  void atLeastBelowOne() {
    assertError(
        AtLeastZeroTestCase.class,
        "@ExpectReset on method [void AtLeastZeroTestCase.test(int)] requires atLeast to be >= 1"
            + " but it is 0. Use a positive count, or remove @ExpectReset if no reset is"
            + " expected.");
  }

  @Test
  void atMostBelowAtLeast() {
    assertError(
        AtMostBelowAtLeastTestCase.class,
        "@ExpectReset on method [void AtMostBelowAtLeastTestCase.test(int)] requires atMost >="
            + " atLeast but atMost is 1 and atLeast is 2. Raise atMost or lower atLeast.");
  }

  @Test
  void serverNameNotInScope() {
    assertError(
        UnknownServerTestCase.class,
        "@ExpectReset on method [void UnknownServerTestCase.test()] requires a @TcpServer named"
            + " \"c\" in scope but the names in scope are \"a\" and \"b\". Use one of them, or"
            + " name a server \"c\".");
  }

  @Test
  void serverNameWhenNoServerHasAName() {
    assertError(
        UnnamedServersTestCase.class,
        "@ExpectReset on method [void UnnamedServersTestCase.test(int)] requires a @TcpServer"
            + " named \"c\" in scope but no server in scope has a name. Name a server \"c\".");
  }

  @Test
  void unparsableDefaultTimeout() {
    assertError(
        SurfacedTestCase.class,
        "Configuration parameter [tcpunit.timeout.default] requires a positive duration such as"
            + " \"2 s\", \"500 ms\" or \"PT2S\" but it is \"soon\". Fix its value in"
            + " junit-platform.properties or wherever it is set.",
        "tcpunit.timeout.default",
        "soon");
  }

  @Test
  void zeroDefaultTimeout() {
    assertError(
        SurfacedTestCase.class,
        "Configuration parameter [tcpunit.timeout.default] requires a positive duration such as"
            + " \"2 s\", \"500 ms\" or \"PT2S\" but it is \"0 ms\". Fix its value in"
            + " junit-platform.properties or wherever it is set.",
        "tcpunit.timeout.default",
        "0 ms");
  }

  // Fixtures: run through TestKit only.

  @Fixture
  static class NoServerTestCase {
    @Test
    @ExpectReset
    void bar() {}
  }

  @Fixture
  static class AtLeastZeroTestCase {
    @Test
    @ExpectReset(atLeast = 0)
    void test(@TcpServer int port) {}
  }

  @Fixture
  static class AtMostBelowAtLeastTestCase {
    @Test
    @ExpectReset(atLeast = 2, atMost = 1)
    void test(@TcpServer int port) {}
  }

  @Fixture
  static class UnknownServerTestCase {
    @TcpServer("a")
    int a;

    @TcpServer("b")
    int b;

    @Test
    @ExpectReset(server = "c")
    void test() {}
  }

  @Fixture
  static class UnnamedServersTestCase {
    @Test
    @ExpectReset(server = "c")
    void test(@TcpServer int port) {}
  }

  @Fixture
  static class SurfacedTestCase {
    @Test
    @ExpectReset
    void test(@TcpServer(resetFirst = 1) int port) throws IOException {
      Clients.exchange(port, "ping", 4);
    }
  }
}
