package dev.tcpunit.junit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.Locale;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs 10,000 test executions that each start and stop a {@code @TcpServer} and an {@code
 * InProcessProxy} with a round trip through both ({@code LeakTests.CycleTestCase}, 200 tests per
 * run), then prints the threads, file descriptors and sockets of this process before and after (see
 * {@link ProcessResources} for what counts). Exits with status 1 if a test failed or a count stayed
 * above its starting value. Not a unit test; run it with:
 *
 * <pre>
 * ./mvnw -B -q -pl junit5-extension -am install -DskipTests -Dspotless.check.skip=true
 * ./mvnw -B -q -pl junit5-extension org.codehaus.mojo:exec-maven-plugin:3.5.1:exec \
 *   -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath dev.tcpunit.junit.bench.ResourceLeakHarness [tests]"
 * </pre>
 */
public final class ResourceLeakHarness {

  private static final String FIXTURE = "dev.tcpunit.junit.LeakTests$CycleTestCase";
  private static final int TESTS_PER_RUN = 200;
  private static final Duration SETTLE = Duration.ofSeconds(30);

  private ResourceLeakHarness() {}

  /**
   * Runs the tests and prints the counts.
   *
   * @param args the number of tests, a multiple of 200; 10,000 by default
   */
  public static void main(String[] args) {
    int tests = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int runs = Math.max(1, tests / TESTS_PER_RUN);
    run(); // warm-up: class loading and the first sockets open descriptors for good
    ProcessResources before = ProcessResources.awaitBackTo(ProcessResources.now(), SETTLE);
    System.out.printf(Locale.ROOT, "before %d tests: %s%n", runs * TESTS_PER_RUN, before);
    long failed = 0;
    long succeeded = 0;
    long start = System.nanoTime();
    for (int i = 1; i <= runs; i++) {
      TestExecutionSummary summary = run();
      failed += summary.getTotalFailureCount();
      succeeded += summary.getTestsSucceededCount();
      if (i % 5 == 0 || i == runs) {
        System.out.printf(
            Locale.ROOT,
            "  %,d tests, %d failed, %.1f s: %s%n",
            succeeded + failed,
            failed,
            (System.nanoTime() - start) / 1e9,
            ProcessResources.now());
      }
    }
    ProcessResources after = ProcessResources.awaitBackTo(before, SETTLE);
    System.out.printf(Locale.ROOT, "after %,d tests:  %s%n", succeeded + failed, after);
    System.out.printf(Locale.ROOT, "new threads: %s%n", after.newThreads(before));
    boolean clean = failed == 0 && after.isWithin(before) && after.tcpunitThreads() == 0;
    System.out.println(clean ? "no leak" : "LEAK OR FAILURE");
    System.exit(clean ? 0 : 1);
  }

  private static TestExecutionSummary run() {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(FIXTURE))
            .configurationParameter("tcpunit.testkit.fixture", "true")
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
            .build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    if (summary.getTotalFailureCount() > 0) {
      summary.getFailures().stream()
          .limit(3)
          .forEach(f -> System.out.println("  FAILED " + f.getException()));
    }
    return summary;
  }
}
