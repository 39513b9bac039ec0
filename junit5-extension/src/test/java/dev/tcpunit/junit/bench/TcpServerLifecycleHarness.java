package dev.tcpunit.junit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.tcpunit.junit.TcpServer;
import dev.tcpunit.server.ScriptedServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Measures what one {@code @TcpServer} costs a test: runs 1,000 tests that each start and stop a
 * server, and 1,000 tests that do not, and prints the median and p90 time per test of both. Not a
 * unit test; run it with:
 *
 * <pre>
 * ./mvnw -B -q -pl junit5-extension -am test-compile -Dspotless.check.skip=true
 * ./mvnw -B -q -pl junit5-extension org.codehaus.mojo:exec-maven-plugin:3.5.1:exec \
 *   -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath dev.tcpunit.junit.bench.TcpServerLifecycleHarness"
 * </pre>
 */
public final class TcpServerLifecycleHarness {

  private static final int REPETITIONS = 1_000;

  private TcpServerLifecycleHarness() {}

  /**
   * Runs both fixtures twice (the first round warms up) and prints the second round's figures.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    for (int round = 1; round <= 2; round++) {
      List<Long> with = run(WithServer.class);
      List<Long> without = run(WithoutServer.class);
      System.out.printf(
          Locale.ROOT,
          "round %d: per test, %d tests each: with @TcpServer median %.3f ms p90 %.3f ms;"
              + " without median %.3f ms p90 %.3f ms%n",
          round,
          REPETITIONS,
          percentile(with, 50),
          percentile(with, 90),
          percentile(without, 50),
          percentile(without, 90));
    }
  }

  private static List<Long> run(Class<?> fixture) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(fixture))
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
            .build();
    Timings timings = new Timings();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request, timings);
    if (timings.failures > 0 || timings.durations.size() != REPETITIONS) {
      throw new IllegalStateException(
          fixture.getSimpleName()
              + ": "
              + timings.durations.size()
              + " tests finished, "
              + timings.failures
              + " failed");
    }
    return timings.durations;
  }

  private static double percentile(List<Long> nanos, int percentile) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, rank)) / 1_000_000.0;
  }

  /** Records the time from a test's start to its end, as the launcher reports them. */
  private static final class Timings implements TestExecutionListener {
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final List<Long> durations = Collections.synchronizedList(new ArrayList<>());
    private volatile int failures;

    @Override
    public void executionStarted(TestIdentifier test) {
      if (test.isTest()) {
        started.put(test.getUniqueId(), System.nanoTime());
      }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      if (!test.isTest()) {
        return;
      }
      durations.add(System.nanoTime() - started.get(test.getUniqueId()));
      if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
        failures++;
      }
    }
  }

  /** Each repetition starts and stops its own server. */
  static class WithServer {
    @RepeatedTest(REPETITIONS)
    void withServer(@TcpServer ScriptedServer server) {
      if (server.port() <= 0) {
        throw new IllegalStateException("no port");
      }
    }
  }

  /** The same tests without a server: the baseline. */
  static class WithoutServer {
    @RepeatedTest(REPETITIONS)
    void withoutServer() {
      if (REPETITIONS <= 0) {
        throw new IllegalStateException("no repetitions");
      }
    }
  }
}
