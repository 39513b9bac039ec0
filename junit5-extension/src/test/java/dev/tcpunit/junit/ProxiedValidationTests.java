package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.proxy.FaultProxy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

@Timeout(60)
@DisplayName("@Proxied and @Toxic reject bad declarations")
class ProxiedValidationTests {

  private static final String UPSTREAM = "127.0.0.1:9";

  private static void assertError(
      Class<?> fixture, Class<? extends Throwable> type, String message) {
    assertThat(TestKit.run(fixture).onlyFailure()).isExactlyInstanceOf(type).hasMessage(message);
  }

  @Test
  void wrongType() {
    assertError(
        WrongTypeTestCase.class,
        ExtensionConfigurationException.class,
        "@Proxied on field [String WrongTypeTestCase.proxy] requires one of the types FaultProxy"
            + " or InProcessProxy, or a Testcontainers container, but the type is String. Change"
            + " the field's type.");
  }

  @Test
  void finalField() {
    assertError(
        FinalFieldTestCase.class,
        ExtensionConfigurationException.class,
        "@Proxied on field [final FaultProxy FinalFieldTestCase.proxy] requires a field that is not"
            + " final but it is final. Remove the final modifier.");
  }

  @Test
  void badUpstream() {
    assertError(
        BadUpstreamTestCase.class,
        ParameterResolutionException.class,
        "@Proxied on parameter [FaultProxy proxy] in method [void BadUpstreamTestCase.test("
            + "FaultProxy)] requires upstream as host:port but it is \"localhost\". Set upstream ="
            + " \"localhost:5432\", for example.");
  }

  @Test
  void attributeNotNameValue() {
    assertError(
        NotNameValueTestCase.class,
        ParameterResolutionException.class,
        "@Toxic(type = \"latency\") on parameter [FaultProxy proxy] in method [void"
            + " NotNameValueTestCase.test(FaultProxy)] requires attributes written name=value but"
            + " one is \"100\". Write it as \"latency=100\", for example.");
  }

  @Test
  void invalidValue() {
    assertError(
        InvalidValueTestCase.class,
        ExtensionConfigurationException.class,
        "@Toxic(type = \"latency\") on method [void InvalidValueTestCase.test()] requires valid"
            + " attributes but latency: -5 (expected: >= 0). Fix the declaration.");
  }

  @Test
  void noProxyInScope() {
    assertError(
        NoProxyTestCase.class,
        ExtensionConfigurationException.class,
        "@Toxic(type = \"black_hole\") on method [void NoProxyTestCase.test()] requires a @Proxied"
            + " proxy in scope but none was declared. Declare one on a field or parameter.");
  }

  @Test
  void severalProxiesWithoutName() {
    assertError(
        AmbiguousTestCase.class,
        ExtensionConfigurationException.class,
        "@Toxic(type = \"black_hole\") on method [void AmbiguousTestCase.test()] requires proxy ="
            + " \"name\" when several @Proxied proxies are in scope but none was given. Name the"
            + " proxies with @Proxied(name = ...) and pick one.");
  }

  @Test
  void unknownProxyName() {
    assertError(
        UnknownNameTestCase.class,
        ExtensionConfigurationException.class,
        "@Toxic(type = \"black_hole\") on method [void UnknownNameTestCase.test()] requires the"
            + " @Proxied proxy \"db\" but no proxy of that name is in scope. Name one with"
            + " @Proxied(name = \"db\").");
  }

  @Fixture
  static class WrongTypeTestCase {
    @Proxied(upstream = UPSTREAM)
    String proxy;

    @Test
    void test() {}
  }

  @Fixture
  static class FinalFieldTestCase {
    @Proxied(upstream = UPSTREAM)
    final FaultProxy proxy = null;

    @Test
    void test() {}
  }

  @Fixture
  static class BadUpstreamTestCase {
    @Test
    void test(@Proxied(upstream = "localhost") FaultProxy proxy) {}
  }

  @Fixture
  static class NotNameValueTestCase {
    @Test
    void test(
        @Proxied(upstream = UPSTREAM) @Toxic(type = "latency", attributes = "100")
            FaultProxy proxy) {}
  }

  @Fixture
  static class InvalidValueTestCase {
    @Proxied(upstream = UPSTREAM)
    FaultProxy proxy;

    @Test
    @Toxic(type = "latency", attributes = "latency=-5")
    void test() {}
  }

  @Fixture
  static class NoProxyTestCase {
    @Test
    @Toxic(type = "black_hole")
    void test() {}
  }

  @Fixture
  static class AmbiguousTestCase {
    @Proxied(upstream = UPSTREAM)
    FaultProxy a;

    @Proxied(upstream = UPSTREAM)
    FaultProxy b;

    @Test
    @Toxic(type = "black_hole")
    void test() {}
  }

  @Fixture
  static class UnknownNameTestCase {
    @Proxied(upstream = UPSTREAM, name = "a")
    FaultProxy a;

    @Test
    @Toxic(type = "black_hole", proxy = "db")
    void test() {}
  }
}
