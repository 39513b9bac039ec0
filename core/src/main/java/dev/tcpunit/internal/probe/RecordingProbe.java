package dev.tcpunit.internal.probe;

import dev.tcpunit.internal.Checks;
import dev.tcpunit.internal.os.Deadline;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.probe.ConnectionRecord;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The probe the engine records into: {@link #open} returns a {@link ConnectionTracker} per
 * connection, which counts bytes and records the end. Readers get snapshots.
 */
public final class RecordingProbe implements ConnectionProbe {

  private final LongSupplier nanoClock;
  private final long startNanos;
  private final List<ConnectionTracker> trackers = new ArrayList<>();
  private volatile OptionalLong seed = OptionalLong.empty();

  /** Creates a probe whose clock ({@link System#nanoTime()}) starts now. */
  public RecordingProbe() {
    this(System::nanoTime);
  }

  /**
   * Creates a probe that reads its instants from the given clock, starting now. Tests use it to get
   * deterministic instants; waiting ({@link #awaitConnections}, {@link #awaitAllClosed}) always
   * uses real time.
   *
   * @param nanoClock a monotonic clock in nanoseconds, like {@link System#nanoTime()}
   */
  public RecordingProbe(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
  }

  /**
   * Sets the seed printed in the timeline.
   *
   * @param seed the seed of the random generator behind this probe's faults
   */
  public void seed(long seed) {
    this.seed = OptionalLong.of(seed);
  }

  @Override
  public OptionalLong seed() {
    return seed;
  }

  /**
   * Records a newly accepted connection.
   *
   * @param client the client's address
   * @param server the address the client connected to
   * @return the tracker to report bytes and the end to
   */
  public ConnectionTracker open(InetSocketAddress client, InetSocketAddress server) {
    long now = nanoClock.getAsLong();
    synchronized (this) {
      ConnectionTracker tracker =
          new ConnectionTracker(this, trackers.size() + 1, client, server, now - startNanos);
      trackers.add(tracker);
      notifyAll();
      return tracker;
    }
  }

  /** Wakes up waiters after a tracker changed state. */
  synchronized void changed() {
    notifyAll();
  }

  long elapsedNanos() {
    return nanoClock.getAsLong() - startNanos;
  }

  @Override
  public synchronized List<ConnectionRecord> connections() {
    List<ConnectionRecord> records = new ArrayList<>(trackers.size());
    for (ConnectionTracker tracker : trackers) {
      records.add(tracker.snapshot());
    }
    return List.copyOf(records);
  }

  @Override
  public synchronized ConnectionRecord connection(int index) {
    if (index < 1 || index > trackers.size()) {
      throw new IllegalArgumentException(
          "index: " + index + " (expected: 1-" + trackers.size() + ", the recorded connections)");
    }
    return trackers.get(index - 1).snapshot();
  }

  @Override
  public synchronized int count() {
    return trackers.size();
  }

  @Override
  public List<ConnectionRecord> awaitConnections(int n, Duration timeout)
      throws TimeoutException, InterruptedException {
    if (n < 1) {
      throw new IllegalArgumentException("n: " + n + " (expected: >= 1)");
    }
    return await(
        records -> records.size() >= n, timeout, "Expected at least " + n + " connection(s)");
  }

  @Override
  public List<ConnectionRecord> awaitAllClosed(Duration timeout)
      throws TimeoutException, InterruptedException {
    return await(
        records -> records.stream().noneMatch(ConnectionRecord::isOpen),
        timeout,
        "Expected every connection to be closed");
  }

  private List<ConnectionRecord> await(
      Predicate<List<ConnectionRecord>> condition, Duration timeout, String expectation)
      throws TimeoutException, InterruptedException {
    Deadline deadline = Deadline.after(Checks.requirePositive("timeout", timeout));
    synchronized (this) {
      while (true) {
        List<ConnectionRecord> records = connections();
        if (condition.test(records)) {
          return records;
        }
        long left = deadline.remainingNanos();
        if (left <= 0) {
          throw new TimeoutException(
              expectation
                  + " within "
                  + timeout.toMillis()
                  + " ms, but it did not happen."
                  + System.lineSeparator()
                  + timeline());
        }
        wait(Math.max(1, left / 1_000_000), 0);
      }
    }
  }

  @Override
  public synchronized void clear() {
    trackers.clear();
  }

  /**
   * Builds a record; used by trackers.
   *
   * @return a record
   */
  static ConnectionRecord record(
      int index,
      InetSocketAddress client,
      InetSocketAddress server,
      long openedNanos,
      long firstByteNanos,
      long handshakeNanos,
      long endedNanos,
      long in,
      long out,
      ConnectionEnd end,
      @Nullable String detail) {
    return new ConnectionRecord(
        index,
        client,
        server,
        Duration.ofNanos(openedNanos),
        firstByteNanos < 0 ? null : Duration.ofNanos(firstByteNanos),
        end == ConnectionEnd.OPEN ? null : Duration.ofNanos(endedNanos),
        in,
        out,
        end,
        detail,
        handshakeNanos < 0 ? null : Duration.ofNanos(handshakeNanos));
  }
}
