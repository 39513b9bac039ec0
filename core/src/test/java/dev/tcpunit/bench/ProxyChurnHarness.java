package dev.tcpunit.bench;

import dev.tcpunit.proxy.InProcessProxy;
import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.Scripts;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Churns connections through one {@link InProcessProxy} in front of an echo {@link ScriptedServer}:
 * sequential cycles of connect, 1-byte echo, close (100,000 by default), and prints every 10,000
 * cycles the rate, the heap after full collections, the direct buffers in use, the threads and the
 * open file descriptors of this JVM. The proxy's probe keeps one record per connection until it is
 * cleared, which a test would do between cases: the harness clears it (and the echo server's) after
 * each block, and prints the heap with the records of the last block before clearing, so the
 * probe's share shows too. Fails (exit status 1) on a failed cycle, on connections not recorded, or
 * when heap or direct memory after the last block exceed the first block's by more than 16 MiB.
 * Bounded: each socket read times out after 15 s and the whole run stops after 15 minutes. Not a
 * unit test; run it with:
 *
 * <pre>
 * ./mvnw -B -q -pl core test-compile -Dspotless.check.skip=true
 * ./mvnw -B -q -pl core org.codehaus.mojo:exec-maven-plugin:3.5.1:exec \
 *   -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-Xmx256m -cp %classpath dev.tcpunit.bench.ProxyChurnHarness [cycles]"
 * </pre>
 */
public final class ProxyChurnHarness {

  private static final int BLOCK = 10_000;
  private static final Duration LIMIT = Duration.ofMinutes(15);
  private static final long TOLERANCE = 16L << 20;

  private ProxyChurnHarness() {}

  /**
   * Runs the cycles.
   *
   * @param args the number of cycles, 100,000 by default
   * @throws Exception if the servers cannot start
   */
  public static void main(String[] args) throws Exception {
    int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    long deadline = System.nanoTime() + LIMIT.toNanos();
    boolean clean = true;
    long firstHeap = -1;
    long firstDirect = -1;
    long lastHeap = 0;
    long lastDirect = 0;
    try (ScriptedServer echo = ScriptedServer.start(Scripts.echo());
        InProcessProxy proxy = InProcessProxy.start(echo.address())) {
      InetSocketAddress address = proxy.listenAddress();
      System.out.printf(
          Locale.ROOT,
          "%d cycles through %s to %s, %d CPUs, max heap %s%n",
          cycles,
          address,
          echo.address(),
          Runtime.getRuntime().availableProcessors(),
          mib(Runtime.getRuntime().maxMemory()));
      long before = heapAfterGc();
      report("before", 0, before, before);
      int done = 0;
      while (done < cycles) {
        int block = Math.min(BLOCK, cycles - done);
        long start = System.nanoTime();
        for (int i = 0; i < block; i++) {
          if (System.nanoTime() - deadline > 0) {
            System.out.printf(Locale.ROOT, "FAIL: stopped at %s after %d cycles%n", LIMIT, done);
            System.exit(1);
          }
          try {
            cycle(address);
          } catch (IOException e) {
            System.out.printf(Locale.ROOT, "FAIL: cycle %d: %s%n", done + 1, e);
            System.exit(1);
          }
          done++;
        }
        double rate = block / ((System.nanoTime() - start) / 1e9);
        proxy.probe().awaitAllClosed(Duration.ofSeconds(30));
        int recorded = proxy.probe().count();
        if (recorded != block) {
          System.out.printf(Locale.ROOT, "FAIL: %d recorded of %d%n", recorded, block);
          clean = false;
        }
        long withRecords = heapAfterGc();
        proxy.probe().clear();
        echo.probe().awaitAllClosed(Duration.ofSeconds(30));
        echo.probe().clear();
        lastHeap = heapAfterGc();
        lastDirect = directBytes();
        if (firstHeap < 0) {
          firstHeap = lastHeap;
          firstDirect = lastDirect;
        }
        report(String.format(Locale.ROOT, "%,d", done), rate, withRecords, lastHeap);
      }
    }
    if (lastHeap - firstHeap > TOLERANCE || lastDirect - firstDirect > TOLERANCE) {
      System.out.printf(
          Locale.ROOT,
          "FAIL: heap %s -> %s, direct %s -> %s after the first block%n",
          mib(firstHeap),
          mib(lastHeap),
          mib(firstDirect),
          mib(lastDirect));
      clean = false;
    }
    System.out.println(clean ? "OK" : "FAILED");
    System.exit(clean ? 0 : 1);
  }

  private static void cycle(InetSocketAddress address) throws IOException {
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.connect(address, 15_000);
      socket.setSoTimeout(15_000);
      socket.getOutputStream().write(1);
      InputStream in = socket.getInputStream();
      if (in.read() != 1) {
        throw new EOFException("the echo did not come back");
      }
    }
  }

  private static void report(String after, double rate, long withRecords, long heap) {
    System.out.printf(
        Locale.ROOT,
        "%-8s cycles: %6.0f conn/s, heap after GC %s (with the block's probe records %s),"
            + " direct %s in %d buffers, %d threads, %d open files%n",
        after,
        rate,
        mib(heap),
        mib(withRecords),
        mib(directBytes()),
        directCount(),
        Thread.activeCount(),
        openFiles());
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static BufferPoolMXBean direct() {
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct"))
        .findFirst()
        .orElseThrow();
  }

  private static long directBytes() {
    return direct().getMemoryUsed();
  }

  private static long directCount() {
    return direct().getCount();
  }

  private static long openFiles() {
    try (Stream<Path> files = Files.list(Path.of("/proc/self/fd"))) {
      return files.count();
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
