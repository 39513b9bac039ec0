package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.server.ConnectionScript;
import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.Scripts;
import java.net.URI;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

@Timeout(60)
@DisplayName("@TcpServer rejects bad declarations")
class TcpServerValidationTests {

  private static void assertFieldError(Class<?> fixture, String message) {
    assertThat(TestKit.run(fixture).onlyFailure())
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(message);
  }

  private static void assertParameterError(Class<?> fixture, String message) {
    assertThat(TestKit.run(fixture).onlyFailure())
        .isExactlyInstanceOf(ParameterResolutionException.class)
        .hasMessage(message);
  }

  @Nested
  @DisplayName("types")
  class Types {

    @Test
    void unsupportedFieldType() {
      assertFieldError(
          StringFieldTestCase.class,
          "@TcpServer on field [String StringFieldTestCase.server] requires one of the types"
              + " ScriptedServer, ConnectionProbe, InetSocketAddress, int, URI, SSLContext"
              + " or X509TrustManager but the type is"
              + " String. Change the field's type.");
    }

    @Test
    void unsupportedStaticFieldTypeFailsTheClass() {
      TestKit.Outcomes outcomes = TestKit.run(StaticIntegerFieldTestCase.class);
      assertThat(outcomes.succeeded()).isEmpty();
      assertThat(outcomes.failedContainers())
          .containsOnlyKeys("StaticIntegerFieldTestCase")
          .extractingByKey("StaticIntegerFieldTestCase")
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasFieldOrPropertyWithValue(
              "message",
              "@TcpServer on field [Integer StaticIntegerFieldTestCase.port] requires one of the"
                  + " types ScriptedServer, ConnectionProbe, InetSocketAddress, int, URI, SSLContext"
                  + " or X509TrustManager but the"
                  + " type is Integer. Change the field's type.");
    }

    @Test
    void unsupportedParameterType() {
      assertParameterError(
          StringParameterTestCase.class,
          "@TcpServer on parameter [String server] in method [void StringParameterTestCase.test("
              + "String)] requires one of the types ScriptedServer, ConnectionProbe,"
              + " InetSocketAddress, int, URI, SSLContext"
              + " or X509TrustManager but the type is String. Change the parameter's"
              + " type.");
    }

    @Test
    void finalField() {
      assertFieldError(
          FinalFieldTestCase.class,
          "@TcpServer on field [final ScriptedServer FinalFieldTestCase.server] requires a field"
              + " that is not final but it is final. Remove the final modifier.");
    }
  }

  @Nested
  @DisplayName("attributes")
  class Attributes {

    @Test
    void negativePort() {
      assertFieldError(
          NegativePortTestCase.class,
          "@TcpServer on field [int NegativePortTestCase.port] requires port to be 0-65535 but it"
              + " is -1. Use 0 for a free port, or a valid port.");
    }

    @Test
    void portAboveRangeOnAParameter() {
      assertParameterError(
          LargePortTestCase.class,
          "@TcpServer on parameter [int port] in method [void LargePortTestCase.test(int)]"
              + " requires port to be 0-65535 but it is 65536. Use 0 for a free port, or a valid"
              + " port.");
    }

    @Test
    void httpStatusOutOfRange() {
      assertFieldError(
          BadStatusTestCase.class,
          "@TcpServer on field [URI BadStatusTestCase.uri] requires httpStatus to be 100-999 but it"
              + " is 42. Use a valid HTTP status code, or leave httpStatus out.");
    }

    @Test
    void httpBodyWithoutStatus() {
      assertFieldError(
          BodyWithoutStatusTestCase.class,
          "@TcpServer on field [URI BodyWithoutStatusTestCase.uri] requires httpStatus with"
              + " httpBody but httpStatus is not set. Add httpStatus, for example httpStatus ="
              + " 200.");
    }

    @Test
    void replyAndScript() {
      assertFieldError(
          ReplyAndScriptTestCase.class,
          "@TcpServer on field [int ReplyAndScriptTestCase.port] requires at most one of reply,"
              + " httpStatus, hang and script but reply and script are set. Keep one of them.");
    }

    @Test
    void threeBehaviours() {
      assertFieldError(
          ThreeBehavioursTestCase.class,
          "@TcpServer on field [int ThreeBehavioursTestCase.port] requires at most one of reply,"
              + " httpStatus, hang and script but reply, httpStatus and hang are set. Keep one of"
              + " them.");
    }

    @Test
    void negativeResetFirst() {
      assertFieldError(
          NegativeResetFirstTestCase.class,
          "@TcpServer on field [int NegativeResetFirstTestCase.port] requires resetFirst to be"
              + " 0-10000 but it is -1. Use the number of first connections to fail, or leave"
              + " resetFirst out.");
    }

    @Test
    void closeFirstTooLarge() {
      assertFieldError(
          LargeCloseFirstTestCase.class,
          "@TcpServer on field [int LargeCloseFirstTestCase.port] requires closeFirst to be"
              + " 0-10000 but it is 10001. Use the number of first connections to fail, or leave"
              + " closeFirst out.");
    }

    @Test
    void resetFirstAndCloseFirst() {
      assertFieldError(
          ResetAndCloseFirstTestCase.class,
          "@TcpServer on field [int ResetAndCloseFirstTestCase.port] requires at most one of"
              + " resetFirst and closeFirst but both are set (resetFirst = 1, closeFirst = 2). Keep"
              + " one of them.");
    }

    @Test
    void valueAndNameDisagree() {
      assertFieldError(
          ValueAndNameTestCase.class,
          "@TcpServer on field [int ValueAndNameTestCase.port] requires value and name to agree"
              + " but value is \"a\" and name is \"b\". Set only one of them.");
    }

    @Test
    void nameWithSpaces() {
      assertFieldError(
          SpacedNameTestCase.class,
          "@TcpServer on field [int SpacedNameTestCase.port] requires a name without leading or"
              + " trailing whitespace but the name is \" api\". Trim the name.");
    }

    @Test
    void oneNameConfiguredTwice() {
      assertParameterError(
          NameConfiguredTwiceTestCase.class,
          "@TcpServer(\"api\") on parameter [URI uri] in method [void"
              + " NameConfiguredTwiceTestCase.test(URI)] requires one configuration per server"
              + " name but \"api\" is configured differently by field [ScriptedServer"
              + " NameConfiguredTwiceTestCase.server]. Configure \"api\" in one place and refer to"
              + " it elsewhere with @TcpServer(\"api\") alone.");
    }
  }

  @Nested
  @DisplayName("script classes")
  class ScriptClasses {

    @Test
    void abstractClass() {
      assertFieldError(
          AbstractScriptTestCase.class,
          "@TcpServer on field [int AbstractScriptTestCase.port] requires script to be a class"
              + " with a no-arg constructor but AbstractScript is abstract. Name a concrete"
              + " class.");
    }

    @Test
    void interfaceType() {
      assertFieldError(
          InterfaceScriptTestCase.class,
          "@TcpServer on field [int InterfaceScriptTestCase.port] requires script to be a class"
              + " with a no-arg constructor but InterfaceScript is an interface. Name a concrete"
              + " class.");
    }

    @Test
    void innerClass() {
      assertFieldError(
          InnerScriptTestCase.class,
          "@TcpServer on field [int InnerScriptTestCase.port] requires script to be a class with"
              + " a no-arg constructor but InnerScript is an inner class. Make it a static nested"
              + " class.");
    }

    @Test
    void noNoArgConstructor() {
      assertFieldError(
          NoDefaultConstructorTestCase.class,
          "@TcpServer on field [int NoDefaultConstructorTestCase.port] requires script to be a"
              + " class with a no-arg constructor but ArgumentScript has none. Add a no-arg"
              + " constructor.");
    }

    @Test
    void constructorThrows() {
      Throwable thrown = TestKit.run(ThrowingConstructorTestCase.class).onlyFailure();
      assertThat(thrown)
          .isExactlyInstanceOf(ExtensionConfigurationException.class)
          .hasMessage(
              "@TcpServer on field [int ThrowingConstructorTestCase.port] requires script"
                  + " ThrowingScript to be instantiable but its constructor threw"
                  + " java.lang.IllegalStateException: no script today. Fix the constructor.")
          .cause()
          .isExactlyInstanceOf(IllegalStateException.class);
    }

    @Test
    void supplierReturnsNull() {
      assertFieldError(
          NullScriptTestCase.class,
          "@TcpServer on field [int NullScriptTestCase.port] requires script NullScript to supply"
              + " a ConnectionScript but get() returned null. Return a script from"
              + " NullScript.get().");
    }

    @Test
    void supplierThrows() {
      assertFieldError(
          ThrowingSupplierTestCase.class,
          "@TcpServer on field [int ThrowingSupplierTestCase.port] requires script"
              + " ThrowingSupplier to supply a ConnectionScript but get() threw"
              + " java.lang.IllegalArgumentException: no. Fix ThrowingSupplier.get().");
    }

    @Test
    void privateConstructorIsFine() {
      assertThat(TestKit.run(PrivateConstructorTestCase.class).succeeded()).containsExactly("test");
    }
  }

  @Nested
  @DisplayName("plain ConnectionProbe parameters")
  class ProbeParameters {

    @Test
    void ambiguousBetweenNamedServers() {
      assertParameterError(
          AmbiguousNamedTestCase.class,
          "Parameter [ConnectionProbe probe] in method [void AmbiguousNamedTestCase.test("
              + "ConnectionProbe)] requires exactly one @TcpServer in scope but found 2:"
              + " @TcpServer(\"a\") on field [int AmbiguousNamedTestCase.a] and"
              + " @TcpServer(\"b\") on field [int AmbiguousNamedTestCase.b]. Annotate the"
              + " parameter with @TcpServer(\"a\") or @TcpServer(\"b\").");
    }

    @Test
    void ambiguousWithUnnamedServers() {
      assertParameterError(
          AmbiguousUnnamedTestCase.class,
          "Parameter [ConnectionProbe probe] in method [void AmbiguousUnnamedTestCase.test("
              + "ConnectionProbe, int)] requires exactly one @TcpServer in scope but found 2:"
              + " @TcpServer on field [int AmbiguousUnnamedTestCase.a] and @TcpServer on"
              + " parameter [int b] in method [void AmbiguousUnnamedTestCase.test("
              + "ConnectionProbe, int)]. Name the servers, for example"
              + " @TcpServer(\"backend\"), and annotate the parameter with the name of one.");
    }

    @Test
    void noServerInScope() {
      assertParameterError(
          NoServerTestCase.class,
          "Parameter [ConnectionProbe probe] in method [void NoServerTestCase.test("
              + "ConnectionProbe)] requires exactly one @TcpServer in scope but none was"
              + " declared. Declare one on a field or parameter.");
    }
  }

  // Fixtures: run through TestKit only.

  @Fixture
  static class StringFieldTestCase {
    @TcpServer String server;

    @Test
    void test() {}
  }

  @Fixture
  static class StaticIntegerFieldTestCase {
    @TcpServer static Integer port;

    @Test
    void test() {}
  }

  @Fixture
  static class StringParameterTestCase {
    @Test
    void test(@TcpServer String server) {}
  }

  @Fixture
  static class FinalFieldTestCase {
    @TcpServer final ScriptedServer server = null;

    @Test
    void test() {}
  }

  @Fixture
  static class NegativePortTestCase {
    @TcpServer(port = -1)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class LargePortTestCase {
    @Test
    void test(@TcpServer(port = 65536) int port) {}
  }

  @Fixture
  static class BadStatusTestCase {
    @TcpServer(httpStatus = 42)
    URI uri;

    @Test
    void test() {}
  }

  @Fixture
  static class BodyWithoutStatusTestCase {
    @TcpServer(httpBody = "ok")
    URI uri;

    @Test
    void test() {}
  }

  @Fixture
  static class ReplyAndScriptTestCase {
    @TcpServer(reply = "hi", script = EchoScript.class)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class ThreeBehavioursTestCase {
    @TcpServer(reply = "hi", httpStatus = 200, hang = true)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class NegativeResetFirstTestCase {
    @TcpServer(resetFirst = -1)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class LargeCloseFirstTestCase {
    @TcpServer(closeFirst = 10_001)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class ResetAndCloseFirstTestCase {
    @TcpServer(resetFirst = 1, closeFirst = 2)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class ValueAndNameTestCase {
    @TcpServer(value = "a", name = "b")
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class SpacedNameTestCase {
    @TcpServer(" api")
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class NameConfiguredTwiceTestCase {
    @TcpServer(value = "api", httpStatus = 200)
    ScriptedServer server;

    @Test
    void test(@TcpServer(value = "api", httpStatus = 503) URI uri) {}
  }

  static class EchoScript implements Supplier<ConnectionScript> {
    @Override
    public ConnectionScript get() {
      return Scripts.echo();
    }
  }

  abstract static class AbstractScript implements Supplier<ConnectionScript> {}

  interface InterfaceScript extends Supplier<ConnectionScript> {}

  static class ArgumentScript implements Supplier<ConnectionScript> {
    ArgumentScript(String reply) {}

    @Override
    public ConnectionScript get() {
      return Scripts.echo();
    }
  }

  static class ThrowingScript implements Supplier<ConnectionScript> {
    ThrowingScript() {
      throw new IllegalStateException("no script today");
    }

    @Override
    public ConnectionScript get() {
      return Scripts.echo();
    }
  }

  static class NullScript implements Supplier<ConnectionScript> {
    @Override
    public ConnectionScript get() {
      return null;
    }
  }

  static class ThrowingSupplier implements Supplier<ConnectionScript> {
    @Override
    public ConnectionScript get() {
      throw new IllegalArgumentException("no");
    }
  }

  static final class PrivateScript implements Supplier<ConnectionScript> {
    private PrivateScript() {}

    @Override
    public ConnectionScript get() {
      return Scripts.echo();
    }
  }

  @Fixture
  static class AbstractScriptTestCase {
    @TcpServer(script = AbstractScript.class)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class InterfaceScriptTestCase {
    @TcpServer(script = InterfaceScript.class)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class InnerScriptTestCase {
    @TcpServer(script = InnerScript.class)
    int port;

    @Test
    void test() {}

    class InnerScript implements Supplier<ConnectionScript> {
      @Override
      public ConnectionScript get() {
        return Scripts.echo();
      }
    }
  }

  @Fixture
  static class NoDefaultConstructorTestCase {
    @TcpServer(script = ArgumentScript.class)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class ThrowingConstructorTestCase {
    @TcpServer(script = ThrowingScript.class)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class NullScriptTestCase {
    @TcpServer(script = NullScript.class)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class ThrowingSupplierTestCase {
    @TcpServer(script = ThrowingSupplier.class)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class PrivateConstructorTestCase {
    @TcpServer(script = PrivateScript.class)
    int port;

    @Test
    void test() {
      assertThat(port).isPositive();
    }
  }

  @Fixture
  static class AmbiguousNamedTestCase {
    @TcpServer("a")
    int a;

    @TcpServer("b")
    int b;

    @Test
    void test(ConnectionProbe probe) {}
  }

  @Fixture
  static class AmbiguousUnnamedTestCase {
    @TcpServer int a;

    @Test
    void test(ConnectionProbe probe, @TcpServer int b) {}
  }

  @Fixture
  @ExtendWith(TcpUnitExtension.class)
  static class NoServerTestCase {
    @Test
    void test(ConnectionProbe probe) {}
  }
}
