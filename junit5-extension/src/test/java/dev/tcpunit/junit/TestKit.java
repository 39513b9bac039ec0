package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs {@link Fixture} classes through the Jupiter engine and reports their outcomes. */
final class TestKit {

  /** A short await timeout for fixtures that are expected to fail. */
  static final String SHORT_TIMEOUT = "300 ms";

  private TestKit() {}

  /**
   * Runs a fixture class.
   *
   * @param fixture the class
   * @param parameters configuration parameters as key, value, key, value...
   */
  static Outcomes run(Class<?> fixture, String... parameters) {
    EngineTestKit.Builder builder =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(fixture))
            .configurationParameter(Fixture.PARAMETER, "true");
    for (int i = 0; i + 1 < parameters.length; i += 2) {
      builder = builder.configurationParameter(parameters[i], parameters[i + 1]);
    }
    return new Outcomes(builder.execute());
  }

  /** What happened to the tests and containers of one run, by method or class name. */
  static final class Outcomes {
    private final EngineExecutionResults results;

    Outcomes(EngineExecutionResults results) {
      this.results = results;
    }

    /** The names of the test methods that succeeded, sorted. */
    List<String> succeeded() {
      return results.testEvents().succeeded().stream()
          .map(Outcomes::name)
          .sorted()
          .collect(Collectors.toList());
    }

    /** The test methods that failed, by name, with what they threw. */
    Map<String, Throwable> failed() {
      return throwables(results.testEvents().failed().stream().collect(Collectors.toList()));
    }

    /** The classes that failed outside their tests (for example in beforeAll), by simple name. */
    Map<String, Throwable> failedContainers() {
      return throwables(results.containerEvents().failed().stream().collect(Collectors.toList()));
    }

    /** The one failed test's throwable; fails unless exactly one test failed and none passed. */
    Throwable onlyFailure() {
      assertThat(succeeded()).as("succeeded tests").isEmpty();
      assertThat(failedContainers()).as("failed containers").isEmpty();
      Map<String, Throwable> failed = failed();
      assertThat(failed).as("failed tests").hasSize(1);
      return failed.values().iterator().next();
    }

    private static Map<String, Throwable> throwables(List<Event> events) {
      Map<String, Throwable> out = new LinkedHashMap<>();
      for (Event event : events) {
        Throwable thrown =
            event
                .getRequiredPayload(TestExecutionResult.class)
                .getThrowable()
                .orElseThrow(() -> new AssertionError("no throwable in " + event));
        out.put(name(event), thrown);
      }
      return out;
    }

    private static String name(Event event) {
      TestDescriptor descriptor = event.getTestDescriptor();
      return descriptor
          .getSource()
          .map(
              source -> {
                if (source instanceof MethodSource method) {
                  return method.getMethodName();
                }
                if (source instanceof ClassSource type) {
                  return type.getJavaClass().getSimpleName();
                }
                return descriptor.getDisplayName();
              })
          .orElse(descriptor.getDisplayName());
    }
  }
}
