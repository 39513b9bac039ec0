package dev.tcpunit.junit.bench;

import dev.tcpunit.os.SocketTable;
import dev.tcpunit.os.TcpState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * What this process holds that a leak would grow: the JVM's live threads, the open file descriptors
 * ({@code /proc/self/fd}, so Linux only) and the kernel's TCP sockets owned by this process ({@link
 * SocketTable#ofThisProcess()}).
 *
 * <p>Threads of fork-join pools do not count: JUnit's parallel executor (and the JDK's common pool)
 * start and retire their workers on their own schedule; tcpunit starts none.
 *
 * <p>A socket counts while one of this process's descriptors refers to it: listeners, established
 * connections, and half-closed ones still open here (CLOSE_WAIT, FIN_WAIT1, FIN_WAIT2, LAST_ACK,
 * CLOSING). Sockets in TIME_WAIT, and FIN_WAIT2 sockets whose descriptor was closed, belong to the
 * kernel alone (no process owns them) and are not counted: they are the normal aftermath of closed
 * connections, expire by themselves, and hold no resource of this process.
 *
 * @param threads the live threads ({@link Thread#getAllStackTraces()}) except fork-join workers
 * @param fileDescriptors the open file descriptors, including the one that lists them
 * @param sockets the TCP sockets this process owns
 * @param socketStates those sockets by state
 * @param threadNames the counted threads' names, sorted, to name a leaked one
 */
public record ProcessResources(
    int threads,
    int fileDescriptors,
    int sockets,
    Map<TcpState, Integer> socketStates,
    List<String> threadNames) {

  private static final long POLL_NANOS = 20_000_000;

  /**
   * Measures now.
   *
   * @return the counts
   */
  public static ProcessResources now() {
    List<Thread> live =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !(t instanceof ForkJoinWorkerThread))
            .toList();
    SocketTable sockets = SocketTable.read().ofThisProcess();
    return new ProcessResources(
        live.size(),
        countFileDescriptors(),
        sockets.count(),
        sockets.countByState(),
        live.stream().map(Thread::getName).sorted().toList());
  }

  /**
   * Measures until every count is back at or below a baseline, or the deadline passes; the JVM may
   * meanwhile release a thread or descriptor of its own, so fewer is fine.
   *
   * @param baseline the counts to come back to
   * @param timeout how long to wait at the most
   * @return the last measure, back at the baseline unless the deadline passed
   */
  public static ProcessResources awaitBackTo(ProcessResources baseline, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    ProcessResources now = now();
    while (!now.isWithin(baseline) && deadline - System.nanoTime() > 0) {
      LockSupport.parkNanos(POLL_NANOS);
      now = now();
    }
    return now;
  }

  /**
   * Tells whether no count exceeds a baseline's.
   *
   * @param baseline the counts to compare with
   * @return {@code true} if threads, descriptors and sockets are each at most the baseline's
   */
  public boolean isWithin(ProcessResources baseline) {
    return threads <= baseline.threads
        && fileDescriptors <= baseline.fileDescriptors
        && sockets <= baseline.sockets;
  }

  /**
   * The threads alive now that were not alive at the baseline, by name.
   *
   * @param baseline the earlier counts
   * @return the new threads' names
   */
  public List<String> newThreads(ProcessResources baseline) {
    return threadNames.stream().filter(n -> !baseline.threadNames.contains(n)).toList();
  }

  /**
   * How many live threads have tcpunit's names ({@code tcpunit-server-…}, {@code tcpunit-proxy-…}).
   *
   * @return the count
   */
  public long tcpunitThreads() {
    return threadNames.stream().filter(n -> n.startsWith("tcpunit-")).count();
  }

  @Override
  public String toString() {
    return threads
        + " threads ("
        + tcpunitThreads()
        + " tcpunit), "
        + fileDescriptors
        + " file descriptors, "
        + sockets
        + " TCP sockets of this process "
        + socketStates;
  }

  private static int countFileDescriptors() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return (int) fds.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
