package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.tcpunit.os.Tcp;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

@Timeout(60)
@DisplayName("@EnabledIfReachable and @DisabledIfReachable")
class ReachableConditionTests {

  /** A fixed port, since annotations take constants; this class listens on it. */
  static final int LISTENING = 47_391;

  /** A port where nothing listens (tcpmux, unused on any machine these tests run on). */
  static final int UNUSED = 1;

  private static ServerSocket listener;

  @BeforeAll
  static void listen() throws IOException {
    listener = new ServerSocket();
    listener.setReuseAddress(true);
    try {
      listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), LISTENING));
    } catch (BindException e) {
      listener.close();
    }
    // JUnit's assumptions: AssertJ's generate a proxy class, which takes seconds.
    assumeTrue(
        Tcp.isReachable("127.0.0.1", LISTENING, Duration.ofSeconds(5)),
        "something listens on 127.0.0.1:" + LISTENING);
    assumeTrue(
        !Tcp.isReachable("127.0.0.1", UNUSED, Duration.ofSeconds(5)),
        "nothing listens on 127.0.0.1:" + UNUSED);
  }

  @AfterAll
  static void close() throws IOException {
    listener.close();
  }

  /** Runs a fixture class; returns each test's outcome: "ok", or the skip reason. */
  static Map<String, String> run(Class<?> fixture) {
    Events events =
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().allEvents();
    Map<String, String> outcomes = new TreeMap<>();
    for (Event event : events.skipped().list()) {
      outcomes.put(
          event.getTestDescriptor().getDisplayName(),
          "skipped: " + event.getPayload(String.class).orElse(""));
    }
    for (Event event : events.finished().list()) {
      TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
      if (event.getTestDescriptor().isTest() || result.getThrowable().isPresent()) {
        outcomes.put(
            event.getTestDescriptor().getDisplayName(),
            result.getThrowable().map(ReachableConditionTests::failure).orElse("ok"));
      }
    }
    return outcomes;
  }

  /** The innermost cause, which JUnit wraps in a ConditionEvaluationException. */
  private static String failure(Throwable thrown) {
    Throwable cause = thrown;
    for (int depth = 0; cause.getCause() != null && depth < 10; depth++) {
      cause = cause.getCause();
    }
    return "failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  static class EnabledTestCase {
    @Test
    @EnabledIfReachable(host = "127.0.0.1", port = LISTENING)
    void runs() {}

    @Test
    @EnabledIfReachable(host = "127.0.0.1", port = UNUSED, timeoutMillis = 2000)
    void skipped() {}

    @Test
    @EnabledIfReachable(host = "::1", port = UNUSED, disabledReason = "needs the cache")
    void skippedWithReason() {}

    @Test
    void notAnnotated() {}
  }

  @EnabledIfReachable(host = "127.0.0.1", port = UNUSED)
  static class SkippedClassTestCase {
    @Test
    void never() {}
  }

  static class DisabledTestCase {
    @Test
    @DisabledIfReachable(host = "127.0.0.1", port = LISTENING)
    void skipped() {}

    @Test
    @DisabledIfReachable(host = "127.0.0.1", port = UNUSED)
    void runs() {}
  }

  static class InvalidTestCase {
    @Test
    @EnabledIfReachable(port = 70000)
    void badPort() {}

    @Test
    @DisabledIfReachable(host = " ", port = 80)
    void badHost() {}

    @Test
    @EnabledIfReachable(port = 80, timeoutMillis = 0)
    void badTimeout() {}
  }

  @Nested
  @DisplayName("@EnabledIfReachable")
  class Enabled {

    @Test
    @DisplayName("runs a test when the port answers and skips it with a clear reason otherwise")
    void methods() {
      assertThat(run(EnabledTestCase.class))
          .containsExactlyEntriesOf(
              new TreeMap<>(
                  Map.of(
                      "runs()",
                      "ok",
                      "notAnnotated()",
                      "ok",
                      "skipped()",
                      "skipped: 127.0.0.1:1 is not reachable within 2000 ms"
                          + " (@EnabledIfReachable on method [void EnabledTestCase.skipped()])",
                      "skippedWithReason()",
                      "skipped: [::1]:1 is not reachable within 500 ms (@EnabledIfReachable"
                          + " on method [void EnabledTestCase.skippedWithReason()])"
                          + " ==> needs the cache")));
    }

    @Test
    @DisplayName("skips a whole class")
    void wholeClass() {
      assertThat(run(SkippedClassTestCase.class))
          .containsExactly(
              Map.entry(
                  "ReachableConditionTests$SkippedClassTestCase",
                  "skipped: 127.0.0.1:1 is not reachable within 500 ms"
                      + " (@EnabledIfReachable on class [SkippedClassTestCase])"));
    }
  }

  @Test
  @DisplayName("@DisabledIfReachable skips a test when the port answers, runs it otherwise")
  void disabled() {
    assertThat(run(DisabledTestCase.class))
        .containsExactly(
            Map.entry("runs()", "ok"),
            Map.entry(
                "skipped()",
                "skipped: 127.0.0.1:"
                    + LISTENING
                    + " is reachable"
                    + " (@DisabledIfReachable on method [void DisabledTestCase.skipped()])"));
  }

  @Test
  @DisplayName("invalid attributes fail the test, naming the annotation, element, rule and value")
  void invalidAttributes() {
    assertThat(run(InvalidTestCase.class))
        .containsExactly(
            Map.entry(
                "badHost()",
                "failed: ExtensionConfigurationException: @DisabledIfReachable on method [void InvalidTestCase.badHost()] has host"
                    + " ' ' but it must be a host name or address. Fix the annotation's"
                    + " attribute."),
            Map.entry(
                "badPort()",
                "failed: ExtensionConfigurationException: @EnabledIfReachable on method [void InvalidTestCase.badPort()] has port"
                    + " 70000 but it must be 1-65535. Fix the annotation's attribute."),
            Map.entry(
                "badTimeout()",
                "failed: ExtensionConfigurationException: @EnabledIfReachable on method [void InvalidTestCase.badTimeout()] has"
                    + " timeoutMillis 0 but it must be positive. Fix the annotation's"
                    + " attribute."));
  }
}
