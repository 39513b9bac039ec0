package dev.tcpunit.reliability;

import dev.tcpunit.os.Exchange;
import dev.tcpunit.os.Tcp;
import dev.tcpunit.reliability.FaultLoad.Report;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Sends rounds of 1,000 concurrent clients (loopback only) through an in-process proxy with seeded
 * random reset_peer, latency and slicer toxics ({@link FaultLoad}); after each round prints the
 * connections opened and recorded, how they ended, every mismatch, and the heap after full
 * collections. Then checks that the proxy still relays. Exits with status 1 on any mismatch. Each
 * client holds 4 descriptors in this process (its socket, the proxy's two, the server's one): 1,000
 * clients need a limit of open files above 4,000 ({@code ulimit -n}; the JVM raises its soft limit
 * to the hard one). Not a unit test; run it with:
 *
 * <pre>
 * ./mvnw -B -q -pl core test-compile -Dspotless.check.skip=true
 * ./mvnw -B -q -pl core org.codehaus.mojo:exec-maven-plugin:3.5.1:exec \
 *   -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath dev.tcpunit.reliability.LoadWithFaultsHarness [clients] [rounds]"
 * </pre>
 */
public final class LoadWithFaultsHarness {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private LoadWithFaultsHarness() {}

  /**
   * Runs the rounds.
   *
   * @param args the clients per round (1,000 by default) and the rounds (3 by default)
   * @throws Exception if the load cannot run
   */
  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    System.out.printf(
        Locale.ROOT,
        "%d rounds of %d concurrent clients, seed %d, %d CPUs, %s%n",
        rounds,
        clients,
        FaultLoad.SEED,
        Runtime.getRuntime().availableProcessors(),
        openFilesLimit());
    boolean clean = true;
    try (FaultLoad load = new FaultLoad()) {
      clean &= print("warm-up", load.round(100, TIMEOUT), 100, 0);
      long heapBefore = FaultLoad.heapAfterGc();
      System.out.printf(Locale.ROOT, "heap after GC before the rounds: %s%n", mib(heapBefore));
      for (int round = 1; round <= rounds; round++) {
        long start = System.nanoTime();
        Report report = load.round(clients, TIMEOUT);
        double seconds = (System.nanoTime() - start) / 1e9;
        clean &= print("round " + round, report, clients, seconds);
        clean &= report.opened() == clients && report.recorded() == clients;
        long heap = FaultLoad.heapAfterGc();
        System.out.printf(
            Locale.ROOT,
            "  heap after GC %s (%+.1f MiB since before the rounds, with the probes' records),"
                + " direct buffers %s%n",
            mib(heap),
            (heap - heapBefore) / 1048576.0,
            mib(directBuffers()));
      }
      load.clearProbes();
      long cleared = FaultLoad.heapAfterGc();
      System.out.printf(
          Locale.ROOT,
          "after clearing both probes' records: heap after GC %s (%+.1f MiB since before the"
              + " rounds)%n",
          mib(cleared),
          (cleared - heapBefore) / 1048576.0);
      load.proxy().removeAll();
      Exchange exchange =
          Tcp.exchange(
              "127.0.0.1",
              load.proxy().listenAddress().getPort(),
              "still here".getBytes(StandardCharsets.US_ASCII),
              Duration.ofSeconds(10));
      boolean serving = exchange.replyText().equals("still here");
      System.out.println("proxy still relays after the rounds: " + serving + " (" + exchange + ")");
      clean &= serving;
    }
    System.out.println(clean ? "all connections recorded with their endings" : "MISMATCHES");
    System.exit(clean ? 0 : 1);
  }

  private static boolean print(String label, Report report, int clients, double seconds) {
    System.out.printf(
        Locale.ROOT,
        "%s: %d clients opened %d connections, the probe recorded %d, in %.2f s;"
            + " clients %s; probe %s; %d mismatches%n",
        label,
        clients,
        report.opened(),
        report.recorded(),
        seconds,
        report.clients(),
        report.ends(),
        report.mismatches().size());
    report.mismatches().stream().limit(10).forEach(m -> System.out.println("  " + m));
    return report.mismatches().isEmpty();
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  private static long directBuffers() {
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct"))
        .mapToLong(BufferPoolMXBean::getMemoryUsed)
        .sum();
  }

  private static String openFilesLimit() {
    try {
      return Files.readAllLines(Path.of("/proc/self/limits")).stream()
          .filter(line -> line.startsWith("Max open files"))
          .map(line -> line.replaceAll("\\s+", " ").trim())
          .findFirst()
          .orElse("open files limit unknown");
    } catch (IOException e) {
      return "open files limit unknown (" + e.getMessage() + ")";
    }
  }
}
