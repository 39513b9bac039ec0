package dev.tcpunit.internal.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many threads want a processor right now, smoothed over about half a second: on Linux the
 * number of runnable threads that {@code /proc/loadavg} reports at each sample; elsewhere the
 * one-minute load average. A polling loop asks it whether the machine has a processor to spare: the
 * one-minute average lags by minutes behind a burst of threads that has already ended, while the
 * runnable count follows it within a second. Shared by every loop; safe from any thread.
 */
final class CpuPressure {

  /** How often the runnable count is sampled, at most. */
  private static final long SAMPLE_NANOS = 100_000_000L;

  /** The weight of a new sample in the running average: a time constant of about 0.5 s. */
  private static final double WEIGHT = 0.2;

  private static final Path LOADAVG = Path.of("/proc/loadavg");
  private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();
  private static final Object LOCK = new Object();

  private static volatile long sampledAt = System.nanoTime() - SAMPLE_NANOS;
  private static double runnable = -1;
  private static volatile boolean spare = true;
  private static boolean procReadable = true;

  private CpuPressure() {}

  /**
   * Tells whether fewer threads than processors plus one want to run, counting the caller.
   *
   * @param now the caller's {@link System#nanoTime()}
   * @return {@code true} if polling would not take a processor from another thread
   */
  static boolean processorToSpare(long now) {
    if (now - sampledAt >= SAMPLE_NANOS) {
      synchronized (LOCK) {
        if (now - sampledAt >= SAMPLE_NANOS) {
          double sample = sample();
          runnable = runnable < 0 || sample < 0 ? sample : runnable + WEIGHT * (sample - runnable);
          spare = runnable >= 0 && runnable < PROCESSORS + 1;
          sampledAt = now;
        }
      }
    }
    return spare;
  }

  /**
   * Reads the number of runnable threads off the content of {@code /proc/loadavg}: the number
   * before the slash of its fourth field, as in {@code 0.50 0.22 0.08 3/132 14267}.
   *
   * @param loadavg the file's content
   * @return the number, or -1 if the content does not have that form
   */
  static int runnableOf(String loadavg) {
    String[] fields = loadavg.trim().split("\\s+");
    if (fields.length < 4) {
      return -1;
    }
    int slash = fields[3].indexOf('/');
    try {
      return slash > 0 ? Integer.parseInt(fields[3].substring(0, slash)) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The runnable threads now, or the load average where that cannot be read; negative if none. */
  private static double sample() {
    if (procReadable) {
      try {
        int runnable = runnableOf(Files.readString(LOADAVG, StandardCharsets.US_ASCII));
        if (runnable >= 0) {
          return runnable;
        }
      } catch (IOException | RuntimeException e) {
        // Not Linux, or /proc is not mounted: the load average is the next best thing.
      }
      procReadable = false;
    }
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os.getSystemLoadAverage();
  }
}
