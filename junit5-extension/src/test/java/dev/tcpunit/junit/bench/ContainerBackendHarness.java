package dev.tcpunit.junit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.tcpunit.junit.Proxied;
import dev.tcpunit.proxy.FaultProxy;
import dev.tcpunit.proxy.Toxic;
import dev.tcpunit.proxy.ToxicHandle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Measures what each {@code @Proxied} container backend costs: runs a class with one busybox echo
 * container and ten tests (an echo, then a reset and an echo), several times per backend, and
 * prints for each run the start (discovery, container, Toxiproxy container and proxy, until the
 * first {@code @BeforeAll}), the ten tests, and the clean-up (until the run returns: proxies
 * deleted, containers stopped). Needs a Docker engine and the local images of {@code
 * .ci/build-images.sh}. Not a unit test; run it with:
 *
 * <pre>
 * ./mvnw -B -q -pl junit5-extension -am test-compile -Dspotless.check.skip=true
 * TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 \
 * ./mvnw -B -q -pl junit5-extension org.codehaus.mojo:exec-maven-plugin:3.5.1:exec \
 *   -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath dev.tcpunit.junit.bench.ContainerBackendHarness 5"
 * </pre>
 */
public final class ContainerBackendHarness {

  private static final int TESTS = 10;
  private static final DockerImageName BUSYBOX = DockerImageName.parse("tcpunit/busybox:1");

  private static volatile long beforeAll;
  private static volatile long afterAll;

  private ContainerBackendHarness() {}

  /**
   * Runs each backend's class the given number of times (default 5), alternating backends.
   *
   * @param args the number of runs per backend
   */
  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<long[]> inProcess = new ArrayList<>();
    List<long[]> toxiproxy = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      inProcess.add(run(InProcessRun.class, run));
      toxiproxy.add(run(ToxiproxyRun.class, run));
    }
    print("IN_PROCESS", inProcess);
    print("TOXIPROXY", toxiproxy);
  }

  private static long[] run(Class<?> fixture, int run) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(fixture))
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
            .configurationParameter(Proxied.DOCKER_REQUIRED, "true")
            .configurationParameter(Proxied.TOXIPROXY_IMAGE, "tcpunit/toxiproxy:local")
            .build();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    Launcher launcher = LauncherFactory.create();
    long start = System.nanoTime();
    launcher.execute(request, summary);
    long end = System.nanoTime();
    TestExecutionSummary result = summary.getSummary();
    if (result.getTotalFailureCount() > 0 || result.getTestsSucceededCount() != TESTS) {
      throw new IllegalStateException(
          fixture.getSimpleName()
              + " run "
              + run
              + ": "
              + result.getTestsSucceededCount()
              + " tests passed, failures: "
              + result.getFailures().stream().map(f -> String.valueOf(f.getException())).toList());
    }
    long[] phases = {beforeAll - start, afterAll - beforeAll, end - afterAll};
    System.out.printf(
        Locale.ROOT,
        "%s run %d: start %.0f ms, %d tests %.0f ms, clean-up %.0f ms%n",
        fixture.getSimpleName(),
        run,
        phases[0] / 1e6,
        TESTS,
        phases[1] / 1e6,
        phases[2] / 1e6);
    return phases;
  }

  private static void print(String backend, List<long[]> runs) {
    System.out.printf(
        Locale.ROOT,
        "%s, median of %d runs: start %.0f ms, %d tests %.0f ms, clean-up %.0f ms%n",
        backend,
        runs.size(),
        median(runs, 0),
        TESTS,
        median(runs, 1),
        median(runs, 2));
  }

  private static double median(List<long[]> runs, int phase) {
    List<Long> values = new ArrayList<>();
    runs.forEach(r -> values.add(r[phase]));
    Collections.sort(values);
    return values.get(values.size() / 2) / 1e6;
  }

  static GenericContainer<?> echo() {
    return new GenericContainer<>(BUSYBOX)
        .withCommand("nc", "-ll", "-p", "7", "-e", "cat")
        .withExposedPorts(7);
  }

  /** One test: an echo, then a reset, then an echo again. */
  static void exchangeAndReset(FaultProxy proxy) throws IOException {
    InetSocketAddress address = proxy.listenAddress();
    assertThat(echo(address)).isEqualTo("ping\n");
    ToxicHandle reset = proxy.add(Toxic.resetPeer(0));
    try {
      assertThatThrownBy(() -> echo(address)).isInstanceOf(IOException.class);
    } finally {
      reset.remove();
    }
    assertThat(echo(address)).isEqualTo("ping\n");
  }

  private static String echo(InetSocketAddress address) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(address, 5_000);
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write("ping\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] answer = in.readNBytes(5);
      return new String(answer, StandardCharsets.UTF_8);
    }
  }

  /** The in-process backend's class. */
  public static class InProcessRun {
    @Proxied static GenericContainer<?> service = echo();

    @BeforeAll
    static void started() {
      beforeAll = System.nanoTime();
    }

    @AfterAll
    static void finished() {
      afterAll = System.nanoTime();
    }

    @RepeatedTest(TESTS)
    void exchange(@Proxied FaultProxy proxy) throws IOException {
      exchangeAndReset(proxy);
    }
  }

  /** The Toxiproxy backend's class. */
  public static class ToxiproxyRun {
    @Proxied(backend = Proxied.Backend.TOXIPROXY)
    static GenericContainer<?> service = echo();

    @BeforeAll
    static void started() {
      beforeAll = System.nanoTime();
    }

    @AfterAll
    static void finished() {
      afterAll = System.nanoTime();
    }

    @RepeatedTest(TESTS)
    void exchange(@Proxied FaultProxy proxy) throws IOException {
      exchangeAndReset(proxy);
    }
  }
}
