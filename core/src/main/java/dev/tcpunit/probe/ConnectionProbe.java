package dev.tcpunit.probe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import org.apiguardian.api.API;

/**
 * Every connection a scripted server or fault proxy accepted, in accept order.
 *
 * <p>A probe starts its clock when it is created; every instant in its {@link ConnectionRecord}s is
 * an offset from that start. Connections are numbered from 1 in accept order.
 *
 * <h2>Thread-safety</h2>
 *
 * Implementations are thread-safe: the network threads record while the test thread reads. Every
 * read returns a consistent snapshot.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ConnectionProbe {

  /**
   * A snapshot of every connection recorded since the start or the last {@link #clear()}.
   *
   * @return the records in accept order; never {@code null}
   */
  List<ConnectionRecord> connections();

  /**
   * A snapshot of one connection.
   *
   * @param index the connection's number, counting from 1
   * @return the record
   * @throws IllegalArgumentException if no connection has that number
   */
  ConnectionRecord connection(int index);

  /**
   * How many connections were recorded.
   *
   * @return the count since the start or the last {@link #clear()}
   */
  int count();

  /**
   * Waits until at least {@code n} connections were recorded.
   *
   * @param n the number of connections to wait for, at least 1
   * @param timeout how long to wait at the most; positive
   * @return the records once there are at least {@code n}
   * @throws TimeoutException if fewer than {@code n} arrived in time; the message has the timeline
   * @throws InterruptedException if the waiting thread was interrupted
   */
  List<ConnectionRecord> awaitConnections(int n, Duration timeout)
      throws TimeoutException, InterruptedException;

  /**
   * Waits until every recorded connection has ended.
   *
   * @param timeout how long to wait at the most; positive
   * @return the records once none is open
   * @throws TimeoutException if a connection was still open at the deadline; the message has the
   *     timeline
   * @throws InterruptedException if the waiting thread was interrupted
   */
  List<ConnectionRecord> awaitAllClosed(Duration timeout)
      throws TimeoutException, InterruptedException;

  /**
   * Forgets every recorded connection; numbering starts again from 1. Open connections keep being
   * tracked but are no longer listed.
   */
  void clear();

  /**
   * The seed of the random generator behind the faults this probe's source injects, if any.
   *
   * @return the seed, or empty when the source draws no random numbers
   */
  default OptionalLong seed() {
    return OptionalLong.empty();
  }

  /**
   * Renders the connections as a readable table; see {@link Timeline}.
   *
   * @return the timeline text, ending with a line separator
   */
  default String timeline() {
    return Timeline.render(connections(), seed());
  }
}
