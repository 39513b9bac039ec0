package dev.tcpunit.junit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs a representative set of the extension's test classes many times over, each time with JUnit's
 * parallel execution on (classes and methods concurrent, as in the build), and reports every
 * failure: which test, how often, and its first message line. Exits with status 1 if any test
 * failed. Each repetition loads the test classes afresh, so that state the tests keep in static
 * fields (fixtures collect ports and servers there) starts empty, as in a build; tcpunit's own
 * classes and JUnit's are loaded once and shared by every repetition. Not a unit test; run it with
 * (50 repetitions by default):
 *
 * <pre>
 * ./mvnw -B -q -pl junit5-extension -am install -DskipTests -Dspotless.check.skip=true
 * ./mvnw -B -q -pl junit5-extension org.codehaus.mojo:exec-maven-plugin:3.5.1:exec \
 *   -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath dev.tcpunit.junit.bench.ParallelSoakHarness [repetitions]"
 * </pre>
 */
public final class ParallelSoakHarness {

  /**
   * The classes repeated: injection, behaviour, clean-up, resets, proxies, parallel servers and the
   * validation of bad declarations; not the containers (Docker) nor the isolated leak test.
   */
  static final List<String> CLASSES =
      List.of(
          "dev.tcpunit.junit.TcpServerInjectionTests",
          "dev.tcpunit.junit.TcpServerBehaviourTests",
          "dev.tcpunit.junit.TcpServerConnectFaultTests",
          "dev.tcpunit.junit.TcpServerValidationTests",
          "dev.tcpunit.junit.CleanupTests",
          "dev.tcpunit.junit.ExpectResetTests",
          "dev.tcpunit.junit.ExpectResetValidationTests",
          "dev.tcpunit.junit.ParallelTests",
          "dev.tcpunit.junit.ProxiedTests",
          "dev.tcpunit.junit.ProxiedValidationTests",
          "dev.tcpunit.junit.ReachableConditionTests");

  private ParallelSoakHarness() {}

  /**
   * Runs the repetitions and prints a line each, then the failures.
   *
   * @param args the number of repetitions; 50 by default
   */
  public static void main(String[] args) throws IOException {
    int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    // The build's executor, also for the fixtures the tests run: JUnit then stays silent about it.
    System.setProperty(
        "junit.jupiter.execution.parallel.config.executor-service", "FORK_JOIN_POOL");
    Failures failures = new Failures();
    long tests = 0;
    long start = System.nanoTime();
    for (int i = 1; i <= repetitions; i++) {
      long repetitionStart = System.nanoTime();
      int failedBefore = failures.total.get();
      int run = run(failures);
      tests += run;
      System.out.printf(
          Locale.ROOT,
          "repetition %d/%d: %d tests, %d failed, %.1f s%n",
          i,
          repetitions,
          run,
          failures.total.get() - failedBefore,
          (System.nanoTime() - repetitionStart) / 1e9);
    }
    System.out.printf(
        Locale.ROOT,
        "%d repetitions of %d classes in parallel: %d tests, %d failures, %.0f s%n",
        repetitions,
        CLASSES.size(),
        tests,
        failures.total.get(),
        (System.nanoTime() - start) / 1e9);
    new TreeMap<>(failures.byTest)
        .forEach((test, failure) -> System.out.println("  " + failure + " x " + test));
    System.exit(failures.total.get() == 0 ? 0 : 1);
  }

  private static int run(Failures failures) throws IOException {
    try (TestClassLoader loader = new TestClassLoader()) {
      List<ClassSelector> selectors = CLASSES.stream().map(c -> selectClass(loader, c)).toList();
      LauncherDiscoveryRequest request =
          LauncherDiscoveryRequestBuilder.request()
              .selectors(selectors)
              .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
              .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
              .configurationParameter(
                  "junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
              .configurationParameter(
                  "junit.jupiter.execution.parallel.config.executor-service", "FORK_JOIN_POOL")
              .build();
      Counter counter = new Counter(failures);
      LauncherFactory.create().execute(request, counter);
      return counter.tests.get();
    }
  }

  /**
   * Loads the classes of the test-classes directory itself, first, and everything else (tcpunit,
   * JUnit, AssertJ) from the application class loader.
   */
  private static final class TestClassLoader extends URLClassLoader {
    TestClassLoader() {
      super(
          new URL[] {ParallelSoakHarness.class.getProtectionDomain().getCodeSource().getLocation()},
          ParallelSoakHarness.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null && findResource(name.replace('.', '/') + ".class") != null) {
          loaded = findClass(name);
        }
        if (loaded == null) {
          return super.loadClass(name, resolve);
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }
  }

  /** Failures over all repetitions, by test. */
  private static final class Failures {
    final AtomicInteger total = new AtomicInteger();
    final Map<String, Failure> byTest = new ConcurrentHashMap<>();
  }

  /** How often one test failed, and its first failure's first line. */
  private static final class Failure {
    final AtomicInteger count = new AtomicInteger();
    final String first;

    Failure(String first) {
      this.first = first;
    }

    @Override
    public String toString() {
      return count.get() + " (first: " + first + ")";
    }
  }

  /** Counts tests and records failures, including those of containers. */
  private static final class Counter implements TestExecutionListener {
    final Failures failures;
    final AtomicInteger tests = new AtomicInteger();

    Counter(Failures failures) {
      this.failures = failures;
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      if (test.isTest()) {
        tests.incrementAndGet();
      }
      if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
        return;
      }
      failures.total.incrementAndGet();
      String message =
          result
              .getThrowable()
              .map(t -> t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()))
              .orElse(result.getStatus().toString())
              .strip()
              .lines()
              .findFirst()
              .orElse("");
      failures
          .byTest
          .computeIfAbsent(test.getUniqueId(), id -> new Failure(message))
          .count
          .incrementAndGet();
    }
  }
}
