package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.assertj.SocketTableAssert;
import dev.tcpunit.assertj.TcpAssertions;
import dev.tcpunit.junit.BadInputFixtures.AbstractScriptTestCase;
import dev.tcpunit.junit.BadInputFixtures.AmbiguousNamedTestCase;
import dev.tcpunit.junit.BadInputFixtures.AmbiguousUnnamedTestCase;
import dev.tcpunit.junit.BadInputFixtures.ArgumentScriptTestCase;
import dev.tcpunit.junit.BadInputFixtures.AtLeastZeroTestCase;
import dev.tcpunit.junit.BadInputFixtures.AtMostBelowAtLeastTestCase;
import dev.tcpunit.junit.BadInputFixtures.BodyWithoutStatusTestCase;
import dev.tcpunit.junit.BadInputFixtures.DefaultTimeoutTestCase;
import dev.tcpunit.junit.BadInputFixtures.ExpectResetWithoutServerTestCase;
import dev.tcpunit.junit.BadInputFixtures.FinalFieldTestCase;
import dev.tcpunit.junit.BadInputFixtures.HighStatusTestCase;
import dev.tcpunit.junit.BadInputFixtures.InnerScriptTestCase;
import dev.tcpunit.junit.BadInputFixtures.InterfaceScriptTestCase;
import dev.tcpunit.junit.BadInputFixtures.LargeCloseFirstTestCase;
import dev.tcpunit.junit.BadInputFixtures.LargePortParameterTestCase;
import dev.tcpunit.junit.BadInputFixtures.LongParameterTestCase;
import dev.tcpunit.junit.BadInputFixtures.LowStatusTestCase;
import dev.tcpunit.junit.BadInputFixtures.NameConfiguredTwiceTestCase;
import dev.tcpunit.junit.BadInputFixtures.NegativePortTestCase;
import dev.tcpunit.junit.BadInputFixtures.NegativeResetFirstTestCase;
import dev.tcpunit.junit.BadInputFixtures.NoNamedServerTestCase;
import dev.tcpunit.junit.BadInputFixtures.NullScriptTestCase;
import dev.tcpunit.junit.BadInputFixtures.ProbeWithoutServerTestCase;
import dev.tcpunit.junit.BadInputFixtures.ProxiedBadImageParameterTestCase;
import dev.tcpunit.junit.BadInputFixtures.ProxiedBadImageTestCase;
import dev.tcpunit.junit.BadInputFixtures.ProxiedContainerSeedTestCase;
import dev.tcpunit.junit.BadInputFixtures.ProxiedFinalFieldTestCase;
import dev.tcpunit.junit.BadInputFixtures.ProxiedImageWithoutToxiproxyTestCase;
import dev.tcpunit.junit.BadInputFixtures.ProxiedNotAContainerTestCase;
import dev.tcpunit.junit.BadInputFixtures.ProxiedSeedOnToxiproxyTestCase;
import dev.tcpunit.junit.BadInputFixtures.ProxiedStringFieldTestCase;
import dev.tcpunit.junit.BadInputFixtures.ProxiedTcpunitToxicOnToxiproxyTestCase;
import dev.tcpunit.junit.BadInputFixtures.ProxiedUpstreamPortNamedTestCase;
import dev.tcpunit.junit.BadInputFixtures.ProxiedUpstreamPortTooLargeTestCase;
import dev.tcpunit.junit.BadInputFixtures.ProxiedUpstreamWithoutPortTestCase;
import dev.tcpunit.junit.BadInputFixtures.ProxiedWithoutUpstreamTestCase;
import dev.tcpunit.junit.BadInputFixtures.ReachableBlankHostTestCase;
import dev.tcpunit.junit.BadInputFixtures.ReachableLargePortTestCase;
import dev.tcpunit.junit.BadInputFixtures.ReachableNegativeTimeoutOnClassTestCase;
import dev.tcpunit.junit.BadInputFixtures.ReachablePortZeroTestCase;
import dev.tcpunit.junit.BadInputFixtures.ReachableZeroTimeoutTestCase;
import dev.tcpunit.junit.BadInputFixtures.ReplyAndScriptTestCase;
import dev.tcpunit.junit.BadInputFixtures.ResetAndCloseFirstTestCase;
import dev.tcpunit.junit.BadInputFixtures.SpacedNameTestCase;
import dev.tcpunit.junit.BadInputFixtures.StaticIntegerFieldTestCase;
import dev.tcpunit.junit.BadInputFixtures.StatusAndHangTestCase;
import dev.tcpunit.junit.BadInputFixtures.StringFieldTestCase;
import dev.tcpunit.junit.BadInputFixtures.ThrowingConstructorTestCase;
import dev.tcpunit.junit.BadInputFixtures.ThrowingScriptTestCase;
import dev.tcpunit.junit.BadInputFixtures.ToxicAmbiguousProxyTestCase;
import dev.tcpunit.junit.BadInputFixtures.ToxicInvalidValueTestCase;
import dev.tcpunit.junit.BadInputFixtures.ToxicNotNameValueTestCase;
import dev.tcpunit.junit.BadInputFixtures.ToxicSameNameTwiceTestCase;
import dev.tcpunit.junit.BadInputFixtures.ToxicToxicityTestCase;
import dev.tcpunit.junit.BadInputFixtures.ToxicUnknownAttributeTestCase;
import dev.tcpunit.junit.BadInputFixtures.ToxicUnknownProxyTestCase;
import dev.tcpunit.junit.BadInputFixtures.ToxicUnknownTypeTestCase;
import dev.tcpunit.junit.BadInputFixtures.ToxicWithoutProxyTestCase;
import dev.tcpunit.junit.BadInputFixtures.ToxiproxyFinalFieldTestCase;
import dev.tcpunit.junit.BadInputFixtures.ToxiproxyStringFieldTestCase;
import dev.tcpunit.junit.BadInputFixtures.ToxiproxyUriParameterTestCase;
import dev.tcpunit.junit.BadInputFixtures.UnknownServerNameTestCase;
import dev.tcpunit.junit.BadInputFixtures.ValueAndNameTestCase;
import dev.tcpunit.os.SocketTable;
import dev.tcpunit.os.Tcp;
import dev.tcpunit.os.TcpState;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.probe.ConnectionRecord;
import dev.tcpunit.probe.Retries;
import dev.tcpunit.proxy.InProcessProxy;
import dev.tcpunit.proxy.Toxic;
import dev.tcpunit.server.ConnectionScript;
import dev.tcpunit.server.HttpResponse;
import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.Scripts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every input tcpunit rejects, in one list: the input, the exception type and its exact message.
 * Annotations run through the test kit ({@link BadInputFixtures}); builders, factories, awaits and
 * assertion arguments are called directly. A new rejection belongs here.
 */
@Timeout(60)
@DisplayName("Bad-input catalogue: every rejected input with its exact message")
class BadInputCatalogueTests {

  /** The size of the catalogue; change it with the lists below. */
  private static final int ANNOTATION_CASES = 66;

  private static final int API_CASES = 111;

  private static final Class<ExtensionConfigurationException> DECLARATION =
      ExtensionConfigurationException.class;
  private static final Class<ParameterResolutionException> PARAMETER =
      ParameterResolutionException.class;
  private static final Class<IllegalArgumentException> ARGUMENT = IllegalArgumentException.class;
  private static final Class<IllegalStateException> STATE = IllegalStateException.class;
  private static final Class<NullPointerException> NULL = NullPointerException.class;

  /** Container fixtures fail on their declaration, before a Docker engine is needed. */
  private static final String[] DOCKER_REQUIRED = {Proxied.DOCKER_REQUIRED, "true"};

  private static final InetSocketAddress NOWHERE =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);

  /** One rejected input: how to provoke it, and what must be thrown. */
  record Case(
      String input,
      Class<? extends Throwable> type,
      String message,
      Callable<@Nullable Throwable> provoke) {
    @Override
    public String toString() {
      return input;
    }
  }

  static Stream<Case> annotations() {
    return BadAnnotations.CASES.stream();
  }

  static Stream<Case> api() {
    return BadArguments.CASES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("annotations")
  @DisplayName("annotations and configuration, through the test kit")
  void annotation(Case rejected) throws Exception {
    assertRejected(rejected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("api")
  @DisplayName("builders, factories, awaits and assertion arguments")
  void argument(Case rejected) throws Exception {
    assertRejected(rejected);
  }

  @Test
  @DisplayName("lists at least 40 rejected inputs, every input once")
  void size() {
    List<String> inputs = new ArrayList<>();
    Stream.concat(annotations(), api()).forEach(c -> inputs.add(c.input()));
    assertThat(BadAnnotations.CASES).hasSize(ANNOTATION_CASES);
    assertThat(BadArguments.CASES).hasSize(API_CASES);
    assertThat(inputs).hasSizeGreaterThanOrEqualTo(40).doesNotHaveDuplicates();
  }

  private static void assertRejected(Case rejected) throws Exception {
    Throwable thrown = rejected.provoke().call();
    assertThat(thrown)
        .as("what %s threw", rejected.input())
        .isNotNull()
        .isExactlyInstanceOf(rejected.type())
        .hasMessage(rejected.message());
  }

  /** Runs a fixture through the test kit; returns what its only failure threw. */
  static Callable<@Nullable Throwable> fixture(Class<?> fixture, String... parameters) {
    return () -> {
      TestKit.Outcomes outcomes = TestKit.run(fixture, parameters);
      Map<String, Throwable> failures = new LinkedHashMap<>(outcomes.failedContainers());
      failures.putAll(outcomes.failed());
      assertThat(outcomes.succeeded()).as("tests of %s that passed", fixture).isEmpty();
      assertThat(failures).as("failures of %s", fixture).hasSize(1);
      return failures.values().iterator().next();
    };
  }

  /**
   * Runs a fixture whose condition rejects its annotation; returns what the condition threw, which
   * JUnit reports wrapped, its message after JUnit's own words.
   */
  static Callable<@Nullable Throwable> condition(Class<?> fixture) {
    return () -> {
      Throwable reported = fixture(fixture).call();
      assertThat(reported).isNotNull().cause().isNotNull();
      Throwable thrown = reported.getCause();
      assertThat(reported.getMessage())
          .startsWith("Failed to evaluate condition [")
          .endsWith("]: " + thrown.getMessage());
      return thrown;
    };
  }

  /** Calls code directly; returns what it threw, or {@code null}. */
  static Callable<@Nullable Throwable> call(ThrowingCallable code) {
    return () -> {
      try {
        code.call();
        return null;
      } catch (Throwable thrown) {
        return thrown;
      }
    };
  }

  /** Declarations rejected by the JUnit extension, with the message the user reads. */
  static final class BadAnnotations {
    static final List<Case> CASES =
        List.of(
            new Case(
                "@TcpServer String field",
                DECLARATION,
                "@TcpServer on field [String StringFieldTestCase.server] requires one of the types"
                    + " ScriptedServer, ConnectionProbe, InetSocketAddress, int, URI, SSLContext"
                    + " or X509TrustManager but the type"
                    + " is String. Change the field's type.",
                fixture(StringFieldTestCase.class)),
            new Case(
                "@TcpServer static Integer field (fails the class)",
                DECLARATION,
                "@TcpServer on field [Integer StaticIntegerFieldTestCase.port] requires one of the"
                    + " types ScriptedServer, ConnectionProbe, InetSocketAddress, int, URI, SSLContext"
                    + " or X509TrustManager but"
                    + " the type is Integer. Change the field's type.",
                fixture(StaticIntegerFieldTestCase.class)),
            new Case(
                "@TcpServer long parameter",
                PARAMETER,
                "@TcpServer on parameter [long port] in method [void"
                    + " LongParameterTestCase.test(long)] requires one of the types"
                    + " ScriptedServer, ConnectionProbe, InetSocketAddress, int, URI, SSLContext"
                    + " or X509TrustManager but the type"
                    + " is long. Change the parameter's type.",
                fixture(LongParameterTestCase.class)),
            new Case(
                "@TcpServer final field",
                DECLARATION,
                "@TcpServer on field [final ScriptedServer FinalFieldTestCase.server] requires a"
                    + " field that is not final but it is final. Remove the final modifier.",
                fixture(FinalFieldTestCase.class)),
            new Case(
                "@TcpServer(port = -1)",
                DECLARATION,
                "@TcpServer on field [int NegativePortTestCase.port] requires port to be 0-65535"
                    + " but it is -1. Use 0 for a free port, or a valid port.",
                fixture(NegativePortTestCase.class)),
            new Case(
                "@TcpServer(port = 65536) on a parameter",
                PARAMETER,
                "@TcpServer on parameter [InetSocketAddress address] in method [void"
                    + " LargePortParameterTestCase.test(InetSocketAddress)] requires port to be"
                    + " 0-65535 but it is 65536. Use 0 for a free port, or a valid port.",
                fixture(LargePortParameterTestCase.class)),
            new Case(
                "@TcpServer(httpStatus = 42)",
                DECLARATION,
                "@TcpServer on field [URI LowStatusTestCase.uri] requires httpStatus to be 100-999"
                    + " but it is 42. Use a valid HTTP status code, or leave httpStatus out.",
                fixture(LowStatusTestCase.class)),
            new Case(
                "@TcpServer(httpStatus = 1000)",
                DECLARATION,
                "@TcpServer on field [URI HighStatusTestCase.uri] requires httpStatus to be"
                    + " 100-999 but it is 1000. Use a valid HTTP status code, or leave httpStatus"
                    + " out.",
                fixture(HighStatusTestCase.class)),
            new Case(
                "@TcpServer(httpBody = \"ok\") without httpStatus",
                DECLARATION,
                "@TcpServer on field [URI BodyWithoutStatusTestCase.uri] requires httpStatus with"
                    + " httpBody but httpStatus is not set. Add httpStatus, for example httpStatus"
                    + " = 200.",
                fixture(BodyWithoutStatusTestCase.class)),
            new Case(
                "@TcpServer(reply, script)",
                DECLARATION,
                "@TcpServer on field [int ReplyAndScriptTestCase.port] requires at most one of"
                    + " reply, httpStatus, hang and script but reply and script are set. Keep one"
                    + " of them.",
                fixture(ReplyAndScriptTestCase.class)),
            new Case(
                "@TcpServer(httpStatus, hang)",
                DECLARATION,
                "@TcpServer on field [int StatusAndHangTestCase.port] requires at most one of"
                    + " reply, httpStatus, hang and script but httpStatus and hang are set. Keep"
                    + " one of them.",
                fixture(StatusAndHangTestCase.class)),
            new Case(
                "@TcpServer(resetFirst = -1)",
                DECLARATION,
                "@TcpServer on field [int NegativeResetFirstTestCase.port] requires resetFirst to"
                    + " be 0-10000 but it is -1. Use the number of first connections to fail, or"
                    + " leave resetFirst out.",
                fixture(NegativeResetFirstTestCase.class)),
            new Case(
                "@TcpServer(closeFirst = 10001)",
                DECLARATION,
                "@TcpServer on field [int LargeCloseFirstTestCase.port] requires closeFirst to be"
                    + " 0-10000 but it is 10001. Use the number of first connections to fail, or"
                    + " leave closeFirst out.",
                fixture(LargeCloseFirstTestCase.class)),
            new Case(
                "@TcpServer(resetFirst = 1, closeFirst = 2)",
                DECLARATION,
                "@TcpServer on field [int ResetAndCloseFirstTestCase.port] requires at most one of"
                    + " resetFirst and closeFirst but both are set (resetFirst = 1, closeFirst ="
                    + " 2). Keep one of them.",
                fixture(ResetAndCloseFirstTestCase.class)),
            new Case(
                "@TcpServer(value = \"a\", name = \"b\")",
                DECLARATION,
                "@TcpServer on field [int ValueAndNameTestCase.port] requires value and name to"
                    + " agree but value is \"a\" and name is \"b\". Set only one of them.",
                fixture(ValueAndNameTestCase.class)),
            new Case(
                "@TcpServer(\"api \")",
                DECLARATION,
                "@TcpServer on field [int SpacedNameTestCase.port] requires a name without leading"
                    + " or trailing whitespace but the name is \"api \". Trim the name.",
                fixture(SpacedNameTestCase.class)),
            new Case(
                "@TcpServer(\"api\") configured twice, differently",
                PARAMETER,
                "@TcpServer(\"api\") on parameter [URI uri] in method [void"
                    + " NameConfiguredTwiceTestCase.test(URI)] requires one configuration per"
                    + " server name but \"api\" is configured differently by field [ScriptedServer"
                    + " NameConfiguredTwiceTestCase.server]. Configure \"api\" in one place and"
                    + " refer to it elsewhere with @TcpServer(\"api\") alone.",
                fixture(NameConfiguredTwiceTestCase.class)),
            new Case(
                "@TcpServer(script = an abstract class)",
                DECLARATION,
                "@TcpServer on field [int AbstractScriptTestCase.port] requires script to be a"
                    + " class with a no-arg constructor but AbstractScript is abstract. Name a"
                    + " concrete class.",
                fixture(AbstractScriptTestCase.class)),
            new Case(
                "@TcpServer(script = an interface)",
                DECLARATION,
                "@TcpServer on field [int InterfaceScriptTestCase.port] requires script to be a"
                    + " class with a no-arg constructor but InterfaceScript is an interface. Name"
                    + " a concrete class.",
                fixture(InterfaceScriptTestCase.class)),
            new Case(
                "@TcpServer(script = an inner class)",
                DECLARATION,
                "@TcpServer on field [int InnerScriptTestCase.port] requires script to be a class"
                    + " with a no-arg constructor but InnerScript is an inner class. Make it a"
                    + " static nested class.",
                fixture(InnerScriptTestCase.class)),
            new Case(
                "@TcpServer(script = a class without a no-arg constructor)",
                DECLARATION,
                "@TcpServer on field [int ArgumentScriptTestCase.port] requires script to be a"
                    + " class with a no-arg constructor but ArgumentScript has none. Add a no-arg"
                    + " constructor.",
                fixture(ArgumentScriptTestCase.class)),
            new Case(
                "@TcpServer(script = a class whose constructor throws)",
                DECLARATION,
                "@TcpServer on field [int ThrowingConstructorTestCase.port] requires script"
                    + " ThrowingConstructorScript to be instantiable but its constructor threw"
                    + " java.lang.IllegalStateException: no script today. Fix the constructor.",
                fixture(ThrowingConstructorTestCase.class)),
            new Case(
                "@TcpServer(script = a supplier returning null)",
                DECLARATION,
                "@TcpServer on field [int NullScriptTestCase.port] requires script NullScript to"
                    + " supply a ConnectionScript but get() returned null. Return a script from"
                    + " NullScript.get().",
                fixture(NullScriptTestCase.class)),
            new Case(
                "@TcpServer(script = a supplier that throws)",
                DECLARATION,
                "@TcpServer on field [int ThrowingScriptTestCase.port] requires script"
                    + " ThrowingScript to supply a ConnectionScript but get() threw"
                    + " java.lang.IllegalArgumentException: no. Fix ThrowingScript.get().",
                fixture(ThrowingScriptTestCase.class)),
            new Case(
                "ConnectionProbe parameter, two named servers in scope",
                PARAMETER,
                "Parameter [ConnectionProbe probe] in method [void AmbiguousNamedTestCase.test("
                    + "ConnectionProbe)] requires exactly one @TcpServer in scope but found 2:"
                    + " @TcpServer(\"a\") on field [int AmbiguousNamedTestCase.a] and"
                    + " @TcpServer(\"b\") on field [int AmbiguousNamedTestCase.b]. Annotate the"
                    + " parameter with @TcpServer(\"a\") or @TcpServer(\"b\").",
                fixture(AmbiguousNamedTestCase.class)),
            new Case(
                "ConnectionProbe parameter, two unnamed servers in scope",
                PARAMETER,
                "Parameter [ConnectionProbe probe] in method [void AmbiguousUnnamedTestCase.test("
                    + "ConnectionProbe, int)] requires exactly one @TcpServer in scope but found 2:"
                    + " @TcpServer on field [int AmbiguousUnnamedTestCase.a] and @TcpServer on"
                    + " parameter [int b] in method [void AmbiguousUnnamedTestCase.test("
                    + "ConnectionProbe, int)]. Name the servers, for example"
                    + " @TcpServer(\"backend\"), and annotate the parameter with the name of one.",
                fixture(AmbiguousUnnamedTestCase.class)),
            new Case(
                "ConnectionProbe parameter, no server in scope",
                PARAMETER,
                "Parameter [ConnectionProbe probe] in method [void"
                    + " ProbeWithoutServerTestCase.test(ConnectionProbe)] requires exactly one"
                    + " @TcpServer in scope but none was declared. Declare one on a field or"
                    + " parameter.",
                fixture(ProbeWithoutServerTestCase.class)),
            new Case(
                "@ExpectReset without a server",
                DECLARATION,
                "@ExpectReset on method [void ExpectResetWithoutServerTestCase.test()] requires a"
                    + " @TcpServer or @Proxied in scope but none was declared. Declare one on a"
                    + " field or parameter.",
                fixture(ExpectResetWithoutServerTestCase.class)),
            new Case(
                "@ExpectReset(atLeast = 0)",
                DECLARATION,
                "@ExpectReset on method [void AtLeastZeroTestCase.test(int)] requires atLeast to be"
                    + " >= 1 but it is 0. Use a positive count, or remove @ExpectReset if no reset"
                    + " is expected.",
                fixture(AtLeastZeroTestCase.class)),
            new Case(
                "@ExpectReset(atLeast = 2, atMost = 1)",
                DECLARATION,
                "@ExpectReset on method [void AtMostBelowAtLeastTestCase.test(int)] requires"
                    + " atMost >= atLeast but atMost is 1 and atLeast is 2. Raise atMost or lower"
                    + " atLeast.",
                fixture(AtMostBelowAtLeastTestCase.class)),
            new Case(
                "@ExpectReset(server = \"c\"), servers \"a\" and \"b\" in scope",
                DECLARATION,
                "@ExpectReset on method [void UnknownServerNameTestCase.test()] requires a"
                    + " @TcpServer named \"c\" in scope but the names in scope are \"a\" and \"b\"."
                    + " Use one of them, or name a server \"c\".",
                fixture(UnknownServerNameTestCase.class)),
            new Case(
                "@ExpectReset(server = \"c\"), no named server in scope",
                DECLARATION,
                "@ExpectReset on method [void NoNamedServerTestCase.test(int)] requires a"
                    + " @TcpServer named \"c\" in scope but no server in scope has a name. Name a"
                    + " server \"c\".",
                fixture(NoNamedServerTestCase.class)),
            new Case(
                "@Proxied String field",
                DECLARATION,
                "@Proxied on field [String ProxiedStringFieldTestCase.proxy] requires one of the types FaultProxy or InProcessProxy, or a Testcontainers container, but the type is String. Change the field's type.",
                fixture(ProxiedStringFieldTestCase.class)),
            new Case(
                "@Proxied final field",
                DECLARATION,
                "@Proxied on field [final FaultProxy ProxiedFinalFieldTestCase.proxy] requires a field that is not final but it is final. Remove the final modifier.",
                fixture(ProxiedFinalFieldTestCase.class)),
            new Case(
                "@Proxied(upstream = \"localhost\")",
                PARAMETER,
                "@Proxied on parameter [FaultProxy proxy] in method [void ProxiedUpstreamWithoutPortTestCase.test(FaultProxy)] requires upstream as host:port but it is \"localhost\". Set upstream = \"localhost:5432\", for example.",
                fixture(ProxiedUpstreamWithoutPortTestCase.class)),
            new Case(
                "@Proxied(upstream = \"localhost:70000\")",
                PARAMETER,
                "@Proxied on parameter [FaultProxy proxy] in method [void ProxiedUpstreamPortTooLargeTestCase.test(FaultProxy)] requires upstream as host:port but it is \"localhost:70000\". Set upstream = \"localhost:5432\", for example.",
                fixture(ProxiedUpstreamPortTooLargeTestCase.class)),
            new Case(
                "@Proxied(upstream = \"localhost:http\")",
                PARAMETER,
                "@Proxied on parameter [FaultProxy proxy] in method [void ProxiedUpstreamPortNamedTestCase.test(FaultProxy)] requires upstream as host:port but it is \"localhost:http\". Set upstream = \"localhost:5432\", for example.",
                fixture(ProxiedUpstreamPortNamedTestCase.class)),
            new Case(
                "@Proxied FaultProxy parameter, no container in scope",
                PARAMETER,
                "Parameter [FaultProxy proxy] in method [void ProxiedWithoutUpstreamTestCase.test(FaultProxy)] requires a @Proxied container field in scope but none was declared. Declare one on a static or instance container field.",
                fixture(ProxiedWithoutUpstreamTestCase.class)),
            new Case(
                "@Proxied(port = 6379) on an Object field",
                DECLARATION,
                "@Proxied on field [Object ProxiedNotAContainerTestCase.redis] requires one of the types FaultProxy or InProcessProxy, or a Testcontainers container, but the type is Object. Change the field's type.",
                fixture(ProxiedNotAContainerTestCase.class)),
            new Case(
                "@Toxic(type = \"black_hole\") on a @Proxied(backend = TOXIPROXY) container",
                DECLARATION,
                "@Toxic(type = \"black_hole\") on field [GenericContainer ProxiedTcpunitToxicOnToxiproxyTestCase.echo] requires one of Toxiproxy's toxics (latency, bandwidth, slow_close, timeout, reset_peer, slicer, limit_data) on a @Proxied(backend = TOXIPROXY) proxy but black_hole is tcpunit's own. Use @Proxied(backend = IN_PROCESS), which has every toxic, or one of Toxiproxy's.",
                fixture(ProxiedTcpunitToxicOnToxiproxyTestCase.class, DOCKER_REQUIRED)),
            new Case(
                "@Proxied(toxiproxyImage = ...) with backend IN_PROCESS",
                DECLARATION,
                "@Proxied on field [GenericContainer ProxiedImageWithoutToxiproxyTestCase.echo] requires backend = TOXIPROXY for a toxiproxyImage but the backend is IN_PROCESS. Set backend = TOXIPROXY, or remove toxiproxyImage.",
                fixture(ProxiedImageWithoutToxiproxyTestCase.class, DOCKER_REQUIRED)),
            new Case(
                "@Proxied(backend = TOXIPROXY, seed = \"42\")",
                DECLARATION,
                "@Proxied on field [GenericContainer ProxiedSeedOnToxiproxyTestCase.echo] requires no seed with backend = TOXIPROXY but seed is \"42\": Toxiproxy draws its own random numbers. Remove the seed, or replay with backend = IN_PROCESS.",
                fixture(ProxiedSeedOnToxiproxyTestCase.class, DOCKER_REQUIRED)),
            new Case(
                "@Proxied(seed = \"0x2a\") on a container",
                DECLARATION,
                "@Proxied on field [GenericContainer ProxiedContainerSeedTestCase.echo] requires seed as a decimal long but it is \"0x2a\". Copy the seed from the timeline, for example seed = \"42\".",
                fixture(ProxiedContainerSeedTestCase.class, DOCKER_REQUIRED)),
            new Case(
                "@Proxied(toxiproxyImage = \"Toxi Proxy!\")",
                DECLARATION,
                "@Proxied on field [GenericContainer ProxiedBadImageTestCase.echo] requires a Docker image name for Toxiproxy but toxiproxyImage is \"Toxi Proxy!\". Name an image, for example \"ghcr.io/shopify/toxiproxy:2.12.0\".",
                fixture(ProxiedBadImageTestCase.class, DOCKER_REQUIRED)),
            new Case(
                "tcpunit.toxiproxy.image=\"toxiproxy:\"",
                DECLARATION,
                "@Proxied on field [GenericContainer ProxiedBadImageParameterTestCase.echo] requires a Docker image name for Toxiproxy but the configuration parameter tcpunit.toxiproxy.image is \"toxiproxy:\". Name an image, for example \"ghcr.io/shopify/toxiproxy:2.12.0\".",
                fixture(
                    ProxiedBadImageParameterTestCase.class,
                    Proxied.DOCKER_REQUIRED,
                    "true",
                    Proxied.TOXIPROXY_IMAGE,
                    "toxiproxy:")),
            new Case(
                "@Toxic(attributes = \"100\")",
                PARAMETER,
                "@Toxic(type = \"latency\") on parameter [FaultProxy proxy] in method [void ToxicNotNameValueTestCase.test(FaultProxy)] requires attributes written name=value but one is \"100\". Write it as \"latency=100\", for example.",
                fixture(ToxicNotNameValueTestCase.class)),
            new Case(
                "@Toxic(type = \"latency\", attributes = \"latency=-5\") on a method",
                DECLARATION,
                "@Toxic(type = \"latency\") on method [void ToxicInvalidValueTestCase.test()] requires valid attributes but latency: -5 (expected: >= 0). Fix the declaration.",
                fixture(ToxicInvalidValueTestCase.class)),
            new Case(
                "@Toxic(type = \"nope\")",
                DECLARATION,
                "@Toxic(type = \"nope\") on field [FaultProxy ToxicUnknownTypeTestCase.proxy] requires valid attributes but type: nope (expected: one of latency, bandwidth, slow_close, timeout, reset_peer, slicer, limit_data, black_hole, corrupt, connect_delay, refuse_connections, max_connections). Fix the declaration.",
                fixture(ToxicUnknownTypeTestCase.class)),
            new Case(
                "@Toxic(type = \"latency\", attributes = \"rate=5\")",
                DECLARATION,
                "@Toxic(type = \"latency\") on field [FaultProxy ToxicUnknownAttributeTestCase.proxy] requires valid attributes but attributes: [rate] (expected: among latency, jitter for type latency). Fix the declaration.",
                fixture(ToxicUnknownAttributeTestCase.class)),
            new Case(
                "@Toxic(toxicity = 1.5)",
                DECLARATION,
                "@Toxic(type = \"black_hole\") on field [FaultProxy ToxicToxicityTestCase.proxy] requires valid attributes but toxicity: 1.5 (expected: 0.0-1.0). Fix the declaration.",
                fixture(ToxicToxicityTestCase.class)),
            new Case(
                "two @Toxic(type = \"latency\") on one proxy",
                DECLARATION,
                "@Proxied on field [FaultProxy ToxicSameNameTwiceTestCase.proxy] requires toxics with distinct names but name: latency_downstream (expected: a toxic name not in use by proxy 127.0.0.1:9; remove that toxic first, or give this one another name with named(...)). Name them.",
                fixture(ToxicSameNameTwiceTestCase.class)),
            new Case(
                "@Toxic on a method, no proxy in scope",
                DECLARATION,
                "@Toxic(type = \"black_hole\") on method [void ToxicWithoutProxyTestCase.test()] requires a @Proxied proxy in scope but none was declared. Declare one on a field or parameter.",
                fixture(ToxicWithoutProxyTestCase.class)),
            new Case(
                "@Toxic on a method, two unnamed proxies in scope",
                DECLARATION,
                "@Toxic(type = \"black_hole\") on method [void ToxicAmbiguousProxyTestCase.test()] requires proxy = \"name\" when several @Proxied proxies are in scope but none was given. Name the proxies with @Proxied(name = ...) and pick one.",
                fixture(ToxicAmbiguousProxyTestCase.class)),
            new Case(
                "@Toxic(proxy = \"db\"), no proxy of that name",
                DECLARATION,
                "@Toxic(type = \"black_hole\") on method [void ToxicUnknownProxyTestCase.test()] requires the @Proxied proxy \"db\" but no proxy of that name is in scope. Name one with @Proxied(name = \"db\").",
                fixture(ToxicUnknownProxyTestCase.class)),
            timeoutParameter("soon"),
            timeoutParameter("0 ms"),
            timeoutParameter("-5 s"),
            timeoutParameter("PT-1S"),
            new Case(
                "@EnabledIfReachable(port = 0)",
                DECLARATION,
                "@EnabledIfReachable on method [void ReachablePortZeroTestCase.test()] has port 0"
                    + " but it must be 1-65535. Fix the annotation's attribute.",
                condition(ReachablePortZeroTestCase.class)),
            new Case(
                "@EnabledIfReachable(port = 70000)",
                DECLARATION,
                "@EnabledIfReachable on method [void ReachableLargePortTestCase.test()] has port"
                    + " 70000 but it must be 1-65535. Fix the annotation's attribute.",
                condition(ReachableLargePortTestCase.class)),
            new Case(
                "@DisabledIfReachable(host = \" \")",
                DECLARATION,
                "@DisabledIfReachable on method [void ReachableBlankHostTestCase.test()] has host"
                    + " ' ' but it must be a host name or address. Fix the annotation's"
                    + " attribute.",
                condition(ReachableBlankHostTestCase.class)),
            new Case(
                "@EnabledIfReachable(timeoutMillis = 0)",
                DECLARATION,
                "@EnabledIfReachable on method [void ReachableZeroTimeoutTestCase.test()] has"
                    + " timeoutMillis 0 but it must be positive. Fix the annotation's attribute.",
                condition(ReachableZeroTimeoutTestCase.class)),
            new Case(
                "@DisabledIfReachable(timeoutMillis = -5) on a class",
                DECLARATION,
                "@DisabledIfReachable on class [ReachableNegativeTimeoutOnClassTestCase] has"
                    + " timeoutMillis -5 but it must be positive. Fix the annotation's attribute.",
                condition(ReachableNegativeTimeoutOnClassTestCase.class)),
            new Case(
                "@ToxiproxyServer String field",
                DECLARATION,
                "@ToxiproxyServer on field [String ToxiproxyStringFieldTestCase.client] requires"
                    + " one of the types ToxiproxyClient or EmbeddedToxiproxy but the type is"
                    + " String. Change the field's type.",
                fixture(ToxiproxyStringFieldTestCase.class)),
            new Case(
                "@ToxiproxyServer final field",
                DECLARATION,
                "@ToxiproxyServer on field [final ToxiproxyClient"
                    + " ToxiproxyFinalFieldTestCase.client] requires a field that is not final but"
                    + " it is final. Remove the final modifier.",
                fixture(ToxiproxyFinalFieldTestCase.class)),
            new Case(
                "@ToxiproxyServer URI parameter",
                PARAMETER,
                "@ToxiproxyServer on parameter [URI uri] in method [void"
                    + " ToxiproxyUriParameterTestCase.test(URI)] requires one of the types"
                    + " ToxiproxyClient or EmbeddedToxiproxy but the type is URI. Change the"
                    + " parameter's type.",
                fixture(ToxiproxyUriParameterTestCase.class)));

    private BadAnnotations() {}

    private static Case timeoutParameter(String value) {
      return new Case(
          "tcpunit.timeout.default = \"" + value + "\"",
          DECLARATION,
          "Configuration parameter [tcpunit.timeout.default] requires a positive duration such as"
              + " \"2 s\", \"500 ms\" or \"PT2S\" but it is \""
              + value
              + "\". Fix its value in junit-platform.properties or wherever it is set.",
          fixture(DefaultTimeoutTestCase.class, "tcpunit.timeout.default", value));
    }
  }

  /** Arguments rejected by core's builders, factories, awaits and assertions. */
  static final class BadArguments {

    private static final ConnectionScript ECHO = Scripts.echo();

    static final List<Case> CASES = new ArrayList<>();

    private BadArguments() {}

    private static void add(
        String input, Class<? extends Throwable> type, String message, ThrowingCallable code) {
      CASES.add(new Case(input, type, message, call(code)));
    }

    private static ConnectionRecord record() {
      return new ConnectionRecord(
          1,
          NOWHERE,
          NOWHERE,
          Duration.ZERO,
          null,
          Duration.ofMillis(5),
          0,
          0,
          ConnectionEnd.CLIENT_FIN,
          null);
    }

    /** Runs code against the probe of a running server that nothing connects to. */
    private static void withProbe(ProbeCode code) throws Exception {
      try (ScriptedServer server = ScriptedServer.start(ECHO)) {
        code.run(server.probe());
      }
    }

    private interface ProbeCode {
      void run(ConnectionProbe probe) throws Exception;
    }

    static {
      // ScriptedServer and its builder.
      add(
          "ScriptedServer.builder().port(-1)",
          ARGUMENT,
          "port: -1 (expected: 0-65535)",
          () -> ScriptedServer.builder().port(-1));
      add(
          "ScriptedServer.builder().port(65536)",
          ARGUMENT,
          "port: 65536 (expected: 0-65535)",
          () -> ScriptedServer.builder().port(65_536));
      add(
          "ScriptedServer.builder().backlog(0)",
          ARGUMENT,
          "backlog: 0 (expected: >= 1)",
          () -> ScriptedServer.builder().backlog(0));
      add(
          "ScriptedServer.builder().scripts(List.of())",
          ARGUMENT,
          "sequence: [] (expected: at least one script)",
          () -> ScriptedServer.builder().scripts(List.of()));
      add(
          "ScriptedServer.builder().host(null)",
          NULL,
          "host",
          () -> ScriptedServer.builder().host(null));
      add(
          "ScriptedServer.builder().start() without scripts",
          STATE,
          "A scripted server needs scripts: call scripts(...) on the builder before start().",
          () -> ScriptedServer.builder().start());
      add(
          "ScriptedServer.start(null)",
          NULL,
          "first",
          () -> ScriptedServer.start((ConnectionScript) null));
      add(
          "ScriptedServer.start(echo, null)",
          NULL,
          "rest[0]",
          () -> ScriptedServer.start(ECHO, (ConnectionScript) null));
      add(
          "server.awaitRequest(0, 1 s)",
          ARGUMENT,
          "n: 0 (expected: >= 1)",
          () -> withServer(s -> s.awaitRequest(0, Duration.ofSeconds(1))));
      add(
          "server.awaitRequest(1, 0 s)",
          ARGUMENT,
          "timeout: PT0S (expected: > 0)",
          () -> withServer(s -> s.awaitRequest(1, Duration.ZERO)));

      // ConnectionScript, Scripts, HttpResponse.
      add(
          "ConnectionScript.readBytes(0)",
          ARGUMENT,
          "count: 0 (expected: >= 1)",
          () -> ConnectionScript.create().readBytes(0));
      add(
          "ConnectionScript.readUntil(\"\")",
          ARGUMENT,
          "delimiter: \"\" (expected: at least one character)",
          () -> ConnectionScript.create().readUntil(""));
      add(
          "ConnectionScript.readUntilIdle(0 s)",
          ARGUMENT,
          "idle: PT0S (expected: > 0)",
          () -> ConnectionScript.create().readUntilIdle(Duration.ZERO));
      add(
          "ConnectionScript.readUntilIdle(200 years)",
          ARGUMENT,
          "idle: PT1752000H (expected: <= 100 years)",
          () -> ConnectionScript.create().readUntilIdle(Duration.ofDays(73_000)));
      add(
          "ConnectionScript.delay(-1 ms)",
          ARGUMENT,
          "duration: PT-0.001S (expected: > 0)",
          () -> ConnectionScript.create().delay(Duration.ofMillis(-1)));
      add(
          "ConnectionScript.delay(Long.MAX_VALUE s)",
          ARGUMENT,
          "duration: PT2562047788015215H30M7S (expected: <= 100 years)",
          () -> ConnectionScript.create().delay(Duration.ofSeconds(Long.MAX_VALUE)));
      add(
          "ConnectionScript.write((byte[]) null)",
          NULL,
          "bytes",
          () -> ConnectionScript.create().write((byte[]) null));
      add(
          "ConnectionScript.write((String) null)",
          NULL,
          "text",
          () -> ConnectionScript.create().write((String) null));
      add(
          "ConnectionScript.respond(null)",
          NULL,
          "response",
          () -> ConnectionScript.create().respond(null));
      add(
          "ConnectionScript.respondTruncated(null, 0)",
          NULL,
          "response",
          () -> ConnectionScript.create().respondTruncated(null, 0));
      add(
          "ConnectionScript.respondTruncated(a 2-byte body, 3)",
          ARGUMENT,
          "bodyBytes: 3 (expected: 0-2, the body's length)",
          () -> ConnectionScript.create().respondTruncated(HttpResponse.of(200, "ok"), 3));
      add(
          "ConnectionScript.create().repeat()",
          ARGUMENT,
          "repeat(): on an empty script (expected: at least one step before it)",
          () -> ConnectionScript.create().repeat());
      add(
          "ConnectionScript.create().halfClose().repeat()",
          STATE,
          "repeat() on ConnectionScript[halfClose()] would spin: it never waits. Add a read, a"
              + " delay or a non-empty write.",
          () -> ConnectionScript.create().halfClose().repeat());
      add(
          "ConnectionScript.readAny().write(\"x\").halfClose().repeat()",
          STATE,
          "repeat() on ConnectionScript[readAny(), write(), halfClose()] would write after"
              + " halfClose() in its second round. Do not repeat it.",
          () -> ConnectionScript.create().readAny().write("x").halfClose().repeat());
      add(
          "ConnectionScript.close().write(\"x\")",
          STATE,
          "A step after close() would never run. End the script there, or put the step before"
              + " it.",
          () -> ConnectionScript.create().close().write("x"));
      add(
          "ConnectionScript.halfClose().write(\"x\")",
          STATE,
          "write() after halfClose() could not be sent: the output is shut down. Put it before"
              + " halfClose().",
          () -> ConnectionScript.create().halfClose().write("x"));
      add(
          "Scripts.firstThen(0, reset, echo)",
          ARGUMENT,
          "n: 0 (expected: >= 1)",
          () -> Scripts.firstThen(0, Scripts.resetOnAccept(), ECHO));
      add(
          "Scripts.firstThen(10001, reset, echo)",
          ARGUMENT,
          "n: 10001 (expected: 1-10000)",
          () -> Scripts.firstThen(10_001, Scripts.resetOnAccept(), ECHO));
      add(
          "Scripts.firstThen(1, null, echo)",
          NULL,
          "first",
          () -> Scripts.firstThen(1, null, ECHO));
      add("Scripts.http(200, null)", NULL, "body", () -> Scripts.http(200, (String) null));
      add(
          "HttpResponse.of(99)",
          ARGUMENT,
          "status: 99 (expected: 100-999)",
          () -> HttpResponse.of(99));
      add(
          "HttpResponse.of(1000, \"x\")",
          ARGUMENT,
          "status: 1000 (expected: 100-999)",
          () -> HttpResponse.of(1000, "x"));
      add(
          "HttpResponse.withHeader(\"\", \"x\")",
          ARGUMENT,
          "name: \"\" (expected: an HTTP token such as Content-Type)",
          () -> HttpResponse.of(200).withHeader("", "x"));
      add(
          "HttpResponse.withHeader(\"Bad Name\", \"x\")",
          ARGUMENT,
          "name: \"Bad Name\" (expected: an HTTP token such as Content-Type)",
          () -> HttpResponse.of(200).withHeader("Bad Name", "x"));
      add(
          "HttpResponse.withHeader(\"X-A\", \"a\\r\\nb\")",
          ARGUMENT,
          "value of X-A: contains a line break (expected: a single line)",
          () -> HttpResponse.of(200).withHeader("X-A", "a\r\nb"));
      add(
          "HttpResponse.withReason(\"a\\nb\")",
          ARGUMENT,
          "reason: contains a line break (expected: a single line)",
          () -> HttpResponse.of(200).withReason("a\nb"));
      add("HttpResponse.withBody(null)", NULL, "body", () -> HttpResponse.of(200).withBody(null));
      add(
          "HttpResponse.encodeTruncated(-1)",
          ARGUMENT,
          "bodyBytes: -1 (expected: 0-0, the body's length)",
          () -> HttpResponse.of(204).encodeTruncated(-1));

      // Toxic kinds.
      add("Toxic.latency(-1)", ARGUMENT, "latency: -1 (expected: >= 0)", () -> Toxic.latency(-1));
      add(
          "Toxic.latency(36,501 days)",
          ARGUMENT,
          "latency: PT876024H (expected: <= 100 years)",
          () -> Toxic.latency(Duration.ofDays(36_501)));
      add(
          "Toxic.latency(10).jitter(-1)",
          ARGUMENT,
          "jitter: -1 (expected: >= 0)",
          () -> Toxic.latency(10).jitter(-1));
      add("Toxic.bandwidth(0)", ARGUMENT, "rate: 0 (expected: >= 1)", () -> Toxic.bandwidth(0));
      add("Toxic.slowClose(-1)", ARGUMENT, "delay: -1 (expected: >= 0)", () -> Toxic.slowClose(-1));
      add("Toxic.timeout(-1)", ARGUMENT, "timeout: -1 (expected: >= 0)", () -> Toxic.timeout(-1));
      add(
          "Toxic.resetPeer(-1 ms)",
          ARGUMENT,
          "timeout: PT-0.001S (expected: >= 0)",
          () -> Toxic.resetPeer(Duration.ofMillis(-1)));
      add("Toxic.slicer(0)", ARGUMENT, "average_size: 0 (expected: >= 1)", () -> Toxic.slicer(0));
      add(
          "Toxic.slicer(5).sizeVariation(5)",
          ARGUMENT,
          "size_variation: 5 (expected: 0-4, below average_size 5)",
          () -> Toxic.slicer(5).sizeVariation(5));
      add(
          "Toxic.slicer(5).delayMicros(Long.MAX_VALUE)",
          ARGUMENT,
          "delay: PT2562047788H54.775807S (expected: <= 100 years)",
          () -> Toxic.slicer(5).delayMicros(Long.MAX_VALUE));
      add("Toxic.limitData(-1)", ARGUMENT, "bytes: -1 (expected: >= 0)", () -> Toxic.limitData(-1));
      add(
          "Toxic.corrupt(1.5)",
          ARGUMENT,
          "probability: 1.5 (expected: 0.0-1.0)",
          () -> Toxic.corrupt(1.5));
      add(
          "Toxic.connectDelay(-1)",
          ARGUMENT,
          "delay: -1 (expected: >= 0)",
          () -> Toxic.connectDelay(-1));
      add(
          "Toxic.maxConnections(-1)",
          ARGUMENT,
          "connections: -1 (expected: >= 0)",
          () -> Toxic.maxConnections(-1));
      add(
          "toxic.toxicity(1.1)",
          ARGUMENT,
          "toxicity: 1.1 (expected: 0.0-1.0)",
          () -> Toxic.blackHole().toxicity(1.1));
      add(
          "toxic.toxicity(NaN)",
          ARGUMENT,
          "toxicity: NaN (expected: 0.0-1.0)",
          () -> Toxic.blackHole().toxicity(Double.NaN));
      add(
          "toxic.named(\" \")",
          ARGUMENT,
          "name: \" \" (expected: not blank)",
          () -> Toxic.blackHole().named(" "));
      add("toxic.stream(null)", NULL, "stream", () -> Toxic.blackHole().stream(null));
      add(
          "Toxic.of(\"nope\", {})",
          ARGUMENT,
          "type: nope (expected: one of latency, bandwidth, slow_close, timeout, reset_peer,"
              + " slicer, limit_data, black_hole, corrupt, connect_delay, refuse_connections,"
              + " max_connections)",
          () -> Toxic.of("nope", Map.of()));
      add(
          "Toxic.of(\"latency\", {rate: 1})",
          ARGUMENT,
          "attributes: [rate] (expected: among latency, jitter for type latency)",
          () -> Toxic.of("latency", Map.of("rate", 1)));
      add(
          "Toxic.of(\"black_hole\", {rate: 1})",
          ARGUMENT,
          "attributes: [rate] (expected: none for type black_hole)",
          () -> Toxic.of("black_hole", Map.of("rate", 1)));
      add(
          "Toxic.of(\"latency\", {latency: 1.5})",
          ARGUMENT,
          "latency: 1.5 (expected: a whole number)",
          () -> Toxic.of("latency", Map.of("latency", 1.5)));
      add(
          "Toxic.of(\"slicer\", {average_size: 2^40})",
          ARGUMENT,
          "average_size: 1099511627776 (expected: at most 2147483647)",
          () -> Toxic.of("slicer", Map.of("average_size", 1L << 40)));

      // InProcessProxy.
      add(
          "InProcessProxy.builder().start() without upstream",
          STATE,
          "InProcessProxy.builder() requires an upstream: call upstream(address) before start()",
          () -> InProcessProxy.builder().start());
      add(
          "InProcessProxy.builder().port(-1)",
          ARGUMENT,
          "port: -1 (expected: 0-65535)",
          () -> InProcessProxy.builder().port(-1));
      add(
          "InProcessProxy.builder().name(\" \")",
          ARGUMENT,
          "name: \" \" (expected: not blank)",
          () -> InProcessProxy.builder().name(" "));
      add(
          "InProcessProxy.builder().upstream(null)",
          NULL,
          "upstream",
          () -> InProcessProxy.builder().upstream(null));
      add(
          "InProcessProxy.builder() with two latency toxics of one name",
          ARGUMENT,
          "name: latency_downstream (expected: a toxic name not in use by proxy p; remove that"
              + " toxic first, or give this one another name with named(...))",
          () ->
              InProcessProxy.builder()
                  .name("p")
                  .upstream(NOWHERE)
                  .toxic(Toxic.latency(1))
                  .toxic(Toxic.latency(2))
                  .start()
                  .close());
      add(
          "proxy.add(a toxic whose name is in use)",
          ARGUMENT,
          "name: slow (expected: a toxic name not in use by proxy p; remove that toxic first, or"
              + " give this one another name with named(...))",
          () ->
              withProxy(
                  p -> {
                    p.add(Toxic.latency(1).named("slow"));
                    p.add(Toxic.bandwidth(1).named("slow"));
                  }));
      add(
          "proxy.remove(\"nope\")",
          ARGUMENT,
          "name: nope (expected: one of the toxics in place in proxy p: [latency_downstream])",
          () ->
              withProxy(
                  p -> {
                    p.add(Toxic.latency(1));
                    p.remove("nope");
                  }));
      add("proxy.add(null)", NULL, "toxic", () -> withProxy(p -> p.add(null)));
      add(
          "proxy.add(...) once closed",
          STATE,
          "Proxy p is closed",
          () -> {
            InProcessProxy proxy = proxy();
            proxy.close();
            proxy.add(Toxic.blackHole());
          });
      add(
          "proxy.enable() once closed",
          STATE,
          "Proxy p is closed",
          () -> {
            InProcessProxy proxy = proxy();
            proxy.close();
            proxy.enable();
          });

      // SocketTable and Tcp.
      add(
          "SocketTable.localPort(-1)",
          ARGUMENT,
          "port: -1 (expected: 0-65535)",
          () -> SocketTable.of(List.of()).localPort(-1));
      add(
          "SocketTable.remotePort(65536)",
          ARGUMENT,
          "port: 65536 (expected: 0-65535)",
          () -> SocketTable.of(List.of()).remotePort(65_536));
      add(
          "SocketTable.port(-1)",
          ARGUMENT,
          "port: -1 (expected: 0-65535)",
          () -> SocketTable.of(List.of()).port(-1));
      add(
          "SocketTable.inState()",
          ARGUMENT,
          "states: [] (expected: at least one state)",
          () -> SocketTable.of(List.of()).inState());
      add(
          "SocketTable.inState(LISTEN, null)",
          NULL,
          "states[1]",
          () -> SocketTable.of(List.of()).inState(TcpState.LISTEN, null));
      add(
          "SocketTable.ofProcess(0)",
          ARGUMENT,
          "pid: 0 (expected: >= 1)",
          () -> SocketTable.of(List.of()).ofProcess(0));
      add(
          "SocketTable.filter(null)",
          NULL,
          "condition",
          () -> SocketTable.of(List.of()).filter(null));
      add("SocketTable.of(null)", NULL, "sockets", () -> SocketTable.of(null));
      add(
          "Tcp.isReachable(\"\", 80, 1 s)",
          ARGUMENT,
          "host: '' (expected: a host name or address)",
          () -> Tcp.isReachable("", 80, Duration.ofSeconds(1)));
      add(
          "Tcp.isReachable(\"localhost\", 0, 1 s)",
          ARGUMENT,
          "port: 0 (expected: 1-65535)",
          () -> Tcp.isReachable("localhost", 0, Duration.ofSeconds(1)));
      add(
          "Tcp.isReachable(\"localhost\", 80, 0 s)",
          ARGUMENT,
          "timeout: PT0S (expected: > 0)",
          () -> Tcp.isReachable("localhost", 80, Duration.ZERO));
      add(
          "Tcp.exchange(\"localhost\", 80, null, 1 s)",
          NULL,
          "bytes",
          () -> Tcp.exchange("localhost", 80, null, Duration.ofSeconds(1)));

      // ConnectionProbe and its records.
      add(
          "probe.awaitConnections(0, 1 s)",
          ARGUMENT,
          "n: 0 (expected: >= 1)",
          () -> withProbe(p -> p.awaitConnections(0, Duration.ofSeconds(1))));
      add(
          "probe.awaitConnections(1, 0 s)",
          ARGUMENT,
          "timeout: PT0S (expected: > 0)",
          () -> withProbe(p -> p.awaitConnections(1, Duration.ZERO)));
      add(
          "probe.awaitConnections(1, -1 s)",
          ARGUMENT,
          "timeout: PT-1S (expected: > 0)",
          () -> withProbe(p -> p.awaitConnections(1, Duration.ofSeconds(-1))));
      add(
          "probe.awaitConnections(1, null)",
          NULL,
          "timeout",
          () -> withProbe(p -> p.awaitConnections(1, null)));
      add(
          "probe.awaitAllClosed(-1 ms)",
          ARGUMENT,
          "timeout: PT-0.001S (expected: > 0)",
          () -> withProbe(p -> p.awaitAllClosed(Duration.ofMillis(-1))));
      add(
          "probe.connection(1) with no connection recorded",
          ARGUMENT,
          "index: 1 (expected: 1-0, the recorded connections)",
          () -> withProbe(p -> p.connection(1)));
      add(
          "new ConnectionRecord(index 0, ...)",
          ARGUMENT,
          "index: 0 (expected: >= 1)",
          () ->
              new ConnectionRecord(
                  0, NOWHERE, NOWHERE, Duration.ZERO, null, null, 0, 0, ConnectionEnd.OPEN, null));
      add(
          "new ConnectionRecord(..., ended 5 ms, OPEN, ...)",
          ARGUMENT,
          "ended: PT0.005S with end OPEN (expected: an instant exactly when ended)",
          () ->
              new ConnectionRecord(
                  1,
                  NOWHERE,
                  NOWHERE,
                  Duration.ZERO,
                  null,
                  Duration.ofMillis(5),
                  0,
                  0,
                  ConnectionEnd.OPEN,
                  null));

      // TcpAssertions arguments.
      add(
          "assertThat(probe).hasConnections(-1)",
          ARGUMENT,
          "n: -1 (expected: >= 0)",
          () -> withProbe(p -> TcpAssertions.assertThat(p).hasConnections(-1)));
      add(
          "assertThat(probe).hasAtMostConnections(-1)",
          ARGUMENT,
          "n: -1 (expected: >= 0)",
          () -> withProbe(p -> TcpAssertions.assertThat(p).hasAtMostConnections(-1)));
      add(
          "assertThat(probe).connection(0)",
          ARGUMENT,
          "index: 0 (expected: >= 1)",
          () -> withProbe(p -> TcpAssertions.assertThat(p).connection(0)));
      add(
          "assertThat(probe).allClosedWithin(0 s)",
          ARGUMENT,
          "timeout: PT0S (expected: > 0)",
          () -> withProbe(p -> TcpAssertions.assertThat(p).allClosedWithin(Duration.ZERO)));
      add(
          "assertThat(probe).hasResets(-1)",
          ARGUMENT,
          "n: -1 (expected: >= 0)",
          () -> withProbe(p -> TcpAssertions.assertThat(p).hasResets(-1)));
      add(
          "assertThat(probe).everyConnection(null)",
          NULL,
          "requirements",
          () -> withProbe(p -> TcpAssertions.assertThat(p).everyConnection(null)));
      add(
          "assertThat(record).endedWith(null)",
          NULL,
          "expected",
          () -> TcpAssertions.assertThat(record()).endedWith(null));
      add(
          "assertThat(record).lastedAtMost(-1 ms)",
          ARGUMENT,
          "max: PT-0.001S (expected: >= 0)",
          () -> TcpAssertions.assertThat(record()).lastedAtMost(Duration.ofMillis(-1)));
      add(
          "assertThat(record).openedWithin(-1 ms)",
          ARGUMENT,
          "within: PT-0.001S (expected: >= 0)",
          () -> TcpAssertions.assertThat(record()).openedWithin(Duration.ofMillis(-1)));
      add(
          "assertThat(record).receivedBytes(-1)",
          ARGUMENT,
          "expected: -1 (expected: >= 0)",
          () -> TcpAssertions.assertThat(record()).receivedBytes(-1));
      add(
          "assertThat(retries).hasCountAtLeast(-1)",
          ARGUMENT,
          "n: -1 (expected: >= 0)",
          () -> TcpAssertions.assertThat(Retries.of(List.of())).hasCountAtLeast(-1));
      add(
          "assertThat(retries).delaysAtMost(null)",
          NULL,
          "max",
          () -> TcpAssertions.assertThat(Retries.of(List.of())).delaysAtMost(null));
      add(
          "assertThat(retries).delaysBetween(2 ms, 1 ms)",
          ARGUMENT,
          "max: PT0.001S (expected: >= min PT0.002S)",
          () ->
              TcpAssertions.assertThat(Retries.of(List.of()))
                  .delaysBetween(Duration.ofMillis(2), Duration.ofMillis(1)));
      add(
          "assertThat(retries).backOffGrowsBy(0, 0.1)",
          ARGUMENT,
          "factor: 0.0 (expected: > 0)",
          () -> TcpAssertions.assertThat(Retries.of(List.of())).backOffGrowsBy(0, 0.1));
      add(
          "assertThat(retries).backOffGrowsBy(2, 1.5)",
          ARGUMENT,
          "tolerance: 1.5 (expected: 0.0-1.0)",
          () -> TcpAssertions.assertThat(Retries.of(List.of())).backOffGrowsBy(2, 1.5));
      add(
          "assertThatSockets().eventually(0 s)",
          ARGUMENT,
          "timeout: PT0S (expected: > 0)",
          () -> SocketTableAssert.assertThatSockets().eventually(Duration.ZERO));
      add(
          "assertThatSockets().hasListener(-1)",
          ARGUMENT,
          "port: -1 (expected: 0-65535)",
          () -> SocketTableAssert.assertThatSockets().hasListener(-1));
      add(
          "assertThatSockets().hasNoSocketInState(80)",
          ARGUMENT,
          "states: [] (expected: at least one state)",
          () -> SocketTableAssert.assertThatSockets().hasNoSocketInState(80));
      add(
          "assertThatSockets().hasEstablishedConnections(80, -1)",
          ARGUMENT,
          "n: -1 (expected: >= 0)",
          () -> SocketTableAssert.assertThatSockets().hasEstablishedConnections(80, -1));
      add(
          "assertThatSockets().awaitSocketInState(80, null, 1 s)",
          NULL,
          "states[0]",
          () ->
              SocketTableAssert.assertThatSockets()
                  .awaitSocketInState(80, null, Duration.ofSeconds(1)));
    }

    private static InProcessProxy proxy() {
      return InProcessProxy.builder().name("p").upstream(NOWHERE).start();
    }

    private static void withProxy(ProxyCode code) throws Exception {
      try (InProcessProxy proxy = proxy()) {
        code.run(proxy);
      }
    }

    private static void withServer(ServerCode code) throws Exception {
      try (ScriptedServer server = ScriptedServer.start(ECHO)) {
        code.run(server);
      }
    }

    private interface ProxyCode {
      void run(InProcessProxy proxy) throws Exception;
    }

    private interface ServerCode {
      void run(ScriptedServer server) throws Exception;
    }
  }
}
