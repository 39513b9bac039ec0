package dev.tcpunit.bench;

import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.Scripts;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measures how long starting and closing a {@link ScriptedServer} takes: binding, starting its
 * thread, then closing it and joining the thread. Not a unit test; run it by hand after {@code
 * ./mvnw -pl core -am test-compile}:
 *
 * <pre>
 * java -cp core/target/classes:core/target/test-classes dev.tcpunit.bench.StartStopBench [cycles]
 * </pre>
 */
public final class StartStopBench {

  private static final int WARM_UP = 1_000;

  private StartStopBench() {}

  /**
   * Runs the measurement and prints the median and other percentiles.
   *
   * @param args the number of measured cycles, 1,000 by default
   */
  public static void main(String[] args) {
    int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    for (int i = 0; i < WARM_UP; i++) {
      ScriptedServer.start(Scripts.echo()).close();
    }
    long[] nanos = new long[cycles];
    for (int i = 0; i < cycles; i++) {
      long start = System.nanoTime();
      ScriptedServer server = ScriptedServer.start(Scripts.echo());
      server.close();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "ScriptedServer start+close over %d cycles (after %d warm-up): median %.3f ms,"
            + " p90 %.3f ms, p99 %.3f ms, max %.3f ms%n",
        cycles,
        WARM_UP,
        millis(nanos[cycles / 2]),
        millis(nanos[(int) (cycles * 0.9)]),
        millis(nanos[(int) (cycles * 0.99)]),
        millis(nanos[cycles - 1]));
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }
}
