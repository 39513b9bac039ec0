package dev.tcpunit.probe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The retries a client made, read from the connections a probe recorded.
 *
 * <h2>Model</h2>
 *
 * <ul>
 *   <li>An <em>attempt</em> is a connection.
 *   <li>A connection <em>failed</em> when it ended abnormally ({@link ConnectionEnd#isAbnormal()}:
 *       reset by either side, killed by a proxy fault, timed out), or when the server closed it
 *       with FIN before sending the client a single byte (closed before a complete response); see
 *       {@link #isFailure(ConnectionRecord)}.
 *   <li>A <em>retry</em> is a connection that opens at or after the end of an earlier failed
 *       connection. Each failure is answered by at most one retry: failures are matched with the
 *       connections opening after them in order, the oldest unanswered failure first, so a client
 *       that opens several connections at once (a pool) gets one retry per failed connection.
 *   <li>The <em>delay</em> of a retry is the time from the end of the failed connection to the
 *       retry's open.
 * </ul>
 *
 * A failed connection no connection follows (the client gave up) has no retry. Instances are
 * immutable.
 *
 * <pre>{@code
 * Retries retries = Retries.of(probe.connections());
 * retries.count();   // 2
 * retries.delays();  // [PT0.1S, PT0.2S]
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Retries {

  private final List<ConnectionRecord> connections;
  private final List<Retry> retries;

  private Retries(List<ConnectionRecord> connections, List<Retry> retries) {
    this.connections = connections;
    this.retries = retries;
  }

  /**
   * Finds the retries among connections.
   *
   * @param connections the connections of one probe, as {@link ConnectionProbe#connections()}
   *     returns them
   * @return the retries, in the order they opened
   */
  public static Retries of(List<ConnectionRecord> connections) {
    List<ConnectionRecord> all = List.copyOf(connections);
    Comparator<ConnectionRecord> byOpen =
        Comparator.comparing(ConnectionRecord::opened).thenComparing(ConnectionRecord::index);
    List<ConnectionRecord> failures = new ArrayList<>();
    for (ConnectionRecord record : all) {
      if (isFailure(record)) {
        failures.add(record);
      }
    }
    failures.sort(
        Comparator.comparing((ConnectionRecord r) -> r.endedAt().orElseThrow())
            .thenComparing(ConnectionRecord::index));
    Deque<ConnectionRecord> unanswered = new ArrayDeque<>(failures);
    List<ConnectionRecord> byOpening = new ArrayList<>(all);
    byOpening.sort(byOpen);
    List<Retry> retries = new ArrayList<>();
    for (ConnectionRecord attempt : byOpening) {
      for (Iterator<ConnectionRecord> it = unanswered.iterator(); it.hasNext(); ) {
        ConnectionRecord failed = it.next();
        Duration failedAt = failed.endedAt().orElseThrow();
        if (failedAt.compareTo(attempt.opened()) > 0) {
          break;
        }
        if (failed.index() != attempt.index()) {
          it.remove();
          retries.add(new Retry(failed, attempt, attempt.opened().minus(failedAt)));
          break;
        }
      }
    }
    return new Retries(all, List.copyOf(retries));
  }

  /**
   * Finds the retries among the connections a probe recorded so far.
   *
   * @param probe the probe
   * @return the retries in a snapshot of the probe's connections
   */
  public static Retries of(ConnectionProbe probe) {
    return of(probe.connections());
  }

  /**
   * Tells whether a connection failed in the sense of the retry model: it ended abnormally, or the
   * server closed it with FIN before sending any byte to the client.
   *
   * @param record the connection
   * @return {@code true} if a client is expected to retry after this connection
   */
  public static boolean isFailure(ConnectionRecord record) {
    return record.end().isAbnormal()
        || (record.end() == ConnectionEnd.SERVER_FIN && record.bytesToClient() == 0);
  }

  /**
   * The connections the retries were read from.
   *
   * @return the connections, in the order given to {@link #of(List)}
   */
  public List<ConnectionRecord> connections() {
    return connections;
  }

  /**
   * Every retry, in the order they opened.
   *
   * @return the retries; empty when the client never retried
   */
  public List<Retry> list() {
    return retries;
  }

  /**
   * How many retries the client made.
   *
   * @return the number of retries
   */
  public int count() {
    return retries.size();
  }

  /**
   * The delay of every retry, in the order they opened.
   *
   * @return the delays
   */
  public List<Duration> delays() {
    return retries.stream().map(Retry::delay).toList();
  }

  /**
   * The first retry.
   *
   * @return the first retry, or empty when the client never retried
   */
  public Optional<Retry> first() {
    return retries.stream().findFirst();
  }

  @Override
  public String toString() {
    return "Retries" + retries;
  }

  /**
   * One retry: a connection opened after an earlier one failed.
   *
   * @param failed the failed connection this retry answers
   * @param connection the retry itself, the new attempt
   * @param delay the time from the end of {@code failed} to the open of {@code connection}
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record Retry(ConnectionRecord failed, ConnectionRecord connection, Duration delay) {

    /**
     * Checks that no component is {@code null}.
     *
     * @param failed the failed connection this retry answers
     * @param connection the retry itself
     * @param delay the time from the end of {@code failed} to the open of {@code connection}
     */
    public Retry {
      Objects.requireNonNull(failed, "failed");
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(delay, "delay");
    }

    @Override
    public String toString() {
      return "#"
          + connection.index()
          + " after #"
          + failed.index()
          + " "
          + failed.end()
          + ", delay "
          + Timeline.millis(delay)
          + " ms";
    }
  }
}
