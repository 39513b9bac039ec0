package dev.tcpunit.assertj;

import static dev.tcpunit.internal.assertj.ShouldBeClosed.shouldAllBeClosed;
import static dev.tcpunit.internal.assertj.ShouldBeClosed.shouldAllBeClosedInterrupted;
import static dev.tcpunit.internal.assertj.ShouldBeClosed.shouldAllBeClosedWithin;
import static dev.tcpunit.internal.assertj.ShouldHaveRecorded.shouldHaveRecorded;
import static dev.tcpunit.internal.assertj.ShouldHaveRecorded.shouldHaveRecordedConnection;
import static dev.tcpunit.internal.assertj.ShouldHaveRecorded.shouldHaveRecordedNo;
import static dev.tcpunit.internal.assertj.ShouldHaveRetried.shouldHaveRetried;
import static dev.tcpunit.internal.assertj.ShouldSatisfyEvery.shouldSatisfyEvery;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.assertj.core.error.ShouldNotBeNull.shouldNotBeNull;

import dev.tcpunit.internal.Checks;
import dev.tcpunit.internal.assertj.Texts;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.probe.ConnectionRecord;
import dev.tcpunit.probe.Retries;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on every connection a probe recorded: counts, how they ended, retries.
 *
 * <p>Every assertion reads a fresh snapshot of the probe; every failure message ends with the
 * probe's {@linkplain ConnectionProbe#timeline() timeline}. The examples below use a probe that
 * recorded two connections: #1 reset by the server, #2 opened 100 ms later and closed by the
 * client; and three other servers: {@code untouched} (nobody connected), {@code healthy} (every
 * connection answered and closed with FIN) and {@code gaveUp} (one connection, reset, no retry).
 *
 * <pre>{@code
 * assertThat(probe)
 *     .hasConnections(2)
 *     .hasResets(1)
 *     .retriedAfterReset()
 *     .allClosed();
 * assertThat(probe).firstConnection().wasResetByServer();
 * assertThat(probe).retries().hasCount(1).delaysAtLeast(Duration.ofMillis(50));
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class ProbeAssert extends AbstractAssert<ProbeAssert, ConnectionProbe> {

  private Navigation navigation = Navigation.PLAIN;

  /**
   * Creates the assertions on a probe. Prefer {@link TcpAssertions#assertThat(ConnectionProbe)}.
   *
   * @param actual the probe
   */
  public ProbeAssert(@Nullable ConnectionProbe actual) {
    super(actual, ProbeAssert.class);
  }

  /** Makes navigation return assertion objects made by {@code navigation}. */
  final ProbeAssert navigatingWith(Navigation navigation) {
    this.navigation = navigation;
    return this;
  }

  /**
   * Verifies that the probe recorded exactly {@code n} connections.
   *
   * <pre>{@code
   * assertThat(probe).hasConnections(2); // passes
   * assertThat(probe).hasConnections(3); // fails
   * }</pre>
   *
   * @param n the expected number of connections
   * @return this assertion object
   * @throws AssertionError if the probe recorded another number
   */
  public ProbeAssert hasConnections(int n) {
    return counted(n, "exactly", count -> count == n);
  }

  /**
   * Verifies that the probe recorded at least {@code n} connections.
   *
   * <pre>{@code
   * assertThat(probe).hasAtLeastConnections(2); // passes
   * assertThat(probe).hasAtLeastConnections(3); // fails
   * }</pre>
   *
   * @param n the smallest acceptable number of connections
   * @return this assertion object
   * @throws AssertionError if the probe recorded fewer
   */
  public ProbeAssert hasAtLeastConnections(int n) {
    return counted(n, "at least", count -> count >= n);
  }

  /**
   * Verifies that the probe recorded at most {@code n} connections, for example that a client gave
   * up after a bounded number of attempts.
   *
   * <pre>{@code
   * assertThat(probe).hasAtMostConnections(3); // passes
   * assertThat(probe).hasAtMostConnections(1); // fails
   * }</pre>
   *
   * @param n the largest acceptable number of connections
   * @return this assertion object
   * @throws AssertionError if the probe recorded more
   */
  public ProbeAssert hasAtMostConnections(int n) {
    return counted(n, "at most", count -> count <= n);
  }

  /**
   * Verifies that the probe recorded no connection at all, for example that a circuit breaker kept
   * the client from connecting.
   *
   * <pre>{@code
   * assertThat(untouched.probe()).hasNoConnections(); // passes: nobody connected
   * assertThat(probe).hasNoConnections();             // fails: 2 connections
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the probe recorded any connection
   */
  public ProbeAssert hasNoConnections() {
    isNotNull();
    List<ConnectionRecord> records = actual.connections();
    if (!records.isEmpty()) {
      throwAssertionError(
          shouldHaveRecordedNo(
              "connections",
              Texts.bullets(List.of(Texts.count(records.size(), "connection"))),
              actual.timeline()));
    }
    return myself;
  }

  /**
   * Navigates to one connection, numbered from 1 in accept order.
   *
   * <pre>{@code
   * assertThat(probe).connection(2).wasClosedByClient(); // passes
   * assertThat(probe).connection(3);                     // fails: only 2 connections
   * }</pre>
   *
   * @param index the connection's number, from 1
   * @return assertions on that connection, whose failure messages end with the probe's timeline
   * @throws AssertionError if the probe has no such connection
   */
  public ConnectionAssert connection(int index) {
    Checks.requireAtLeast("index", index, 1);
    return navigate(index, "connection #" + index);
  }

  /**
   * Navigates to the first connection.
   *
   * <pre>{@code
   * assertThat(probe).firstConnection().wasReset();   // passes
   * assertThat(untouched.probe()).firstConnection(); // fails: no connection
   * }</pre>
   *
   * @return assertions on the first connection
   * @throws AssertionError if the probe recorded no connection
   */
  public ConnectionAssert firstConnection() {
    return navigate(1, "a first connection");
  }

  /**
   * Navigates to the last connection recorded so far.
   *
   * <pre>{@code
   * assertThat(probe).lastConnection().wasClosedByClient(); // passes
   * assertThat(untouched.probe()).lastConnection();        // fails: no connection
   * }</pre>
   *
   * @return assertions on the last connection
   * @throws AssertionError if the probe recorded no connection
   */
  public ConnectionAssert lastConnection() {
    return navigate(-1, "a last connection");
  }

  /**
   * Verifies that every connection satisfies the given requirements, and reports every connection
   * that does not, in one failure. Passes when there is no connection (combine with {@link
   * #hasAtLeastConnections(int)}).
   *
   * <pre>{@code
   * assertThat(probe).everyConnection(c -> c.receivedBytes(78)); // passes
   * assertThat(probe).everyConnection(ConnectionAssert::wasReset); // fails: #2 ended with FIN
   * }</pre>
   *
   * @param requirements assertions run on each connection
   * @return this assertion object
   * @throws AssertionError listing each connection that failed the requirements
   */
  public ProbeAssert everyConnection(Consumer<? super ConnectionAssert> requirements) {
    Objects.requireNonNull(requirements, "requirements");
    isNotNull();
    List<ConnectionRecord> records = actual.connections();
    Map<Integer, String> failures = new LinkedHashMap<>();
    for (ConnectionRecord record : records) {
      try {
        requirements.accept(new ConnectionAssert(record).withTimeline(() -> ""));
      } catch (AssertionError e) {
        failures.put(record.index(), String.valueOf(e.getMessage()));
      }
    }
    if (!failures.isEmpty()) {
      throwAssertionError(shouldSatisfyEvery(records.size(), failures, actual.timeline()));
    }
    return myself;
  }

  /**
   * Verifies that no connection is open now.
   *
   * <pre>{@code
   * assertThat(probe).allClosed(); // passes: both connections ended
   * // fails once a pooled client opened a third connection and keeps it open:
   * assertThat(probe).allClosed();
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError listing the connections still open
   */
  public ProbeAssert allClosed() {
    isNotNull();
    List<ConnectionRecord> open = open(actual.connections());
    if (!open.isEmpty()) {
      throwAssertionError(shouldAllBeClosed(open, actual.timeline()));
    }
    return myself;
  }

  /**
   * Waits until no connection is open, at most {@code timeout}, for example after closing a client
   * whose sockets close asynchronously.
   *
   * <pre>{@code
   * client.close();
   * // passes as soon as the client's sockets closed, waiting up to 5 s:
   * assertThat(probe).allClosedWithin(Duration.ofSeconds(5));
   * // fails after 1 s when the client leaks a connection:
   * leakyClient.close();
   * assertThat(probe).allClosedWithin(Duration.ofSeconds(1));
   * }</pre>
   *
   * @param timeout how long to wait at the most; positive
   * @return this assertion object
   * @throws AssertionError listing the connections still open at the deadline; its cause is the
   *     probe's {@link TimeoutException}
   */
  public ProbeAssert allClosedWithin(Duration timeout) {
    Checks.requirePositive("timeout", timeout);
    isNotNull();
    try {
      actual.awaitAllClosed(timeout);
    } catch (TimeoutException e) {
      List<ConnectionRecord> open = open(actual.connections());
      if (!open.isEmpty()) {
        throw withCause(
            assertionError(shouldAllBeClosedWithin(timeout, open, actual.timeline())), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw withCause(assertionError(shouldAllBeClosedInterrupted(timeout, actual.timeline())), e);
    }
    return myself;
  }

  /**
   * Verifies that exactly {@code n} connections were reset (RST) by either side.
   *
   * <pre>{@code
   * assertThat(probe).hasResets(1); // passes
   * assertThat(probe).hasResets(2); // fails
   * }</pre>
   *
   * @param n the expected number of reset connections
   * @return this assertion object
   * @throws AssertionError if another number of connections was reset
   */
  public ProbeAssert hasResets(int n) {
    Checks.requireAtLeast("n", n, 0);
    return resets(n, "exactly", count -> count == n);
  }

  /**
   * Verifies that at least one connection was reset (RST) by either side.
   *
   * <pre>{@code
   * assertThat(probe).hasAtLeastOneReset();           // passes: #1 was reset
   * assertThat(healthy.probe()).hasAtLeastOneReset(); // fails: every connection ended with FIN
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if no connection was reset
   */
  public ProbeAssert hasAtLeastOneReset() {
    return resets(1, "at least", count -> count >= 1);
  }

  /**
   * Verifies that no connection was reset (RST) by either side.
   *
   * <pre>{@code
   * assertThat(healthy.probe()).noneReset(); // passes: every connection ended with FIN
   * assertThat(probe).noneReset();           // fails: #1 ended with SERVER_RESET
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError listing the reset connections
   */
  public ProbeAssert noneReset() {
    isNotNull();
    List<String> reset =
        actual.connections().stream()
            .filter(ConnectionRecord::wasReset)
            .map(r -> r.describe() + ": " + Texts.end(r))
            .toList();
    if (!reset.isEmpty()) {
      throwAssertionError(
          shouldHaveRecordedNo("reset connections", Texts.bullets(reset), actual.timeline()));
    }
    return myself;
  }

  /**
   * Verifies that the client retried: a connection opened at or after the end of an earlier one
   * that was reset or otherwise ended abnormally ({@link
   * dev.tcpunit.probe.ConnectionEnd#isAbnormal()}: reset by either side, a proxy fault, a timeout).
   *
   * <pre>{@code
   * assertThat(probe).retriedAfterReset(); // passes: #2 opened after #1 was reset
   * // fails for a client that gave up after the reset: only connection #1
   * assertThat(gaveUp.probe()).retriedAfterReset();
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if no connection followed an abnormal end
   */
  public ProbeAssert retriedAfterReset() {
    isNotNull();
    List<ConnectionRecord> records = actual.connections();
    List<ConnectionRecord> abnormal = records.stream().filter(r -> r.end().isAbnormal()).toList();
    boolean retried =
        abnormal.stream()
            .anyMatch(
                failed ->
                    records.stream()
                        .anyMatch(
                            next ->
                                next.index() != failed.index()
                                    && next.opened().compareTo(failed.endedAt().orElseThrow())
                                        >= 0));
    if (!retried) {
      throwAssertionError(shouldHaveRetried(abnormal, actual.timeline()));
    }
    return myself;
  }

  /**
   * Navigates to the client's retries, as {@link Retries} defines them.
   *
   * <pre>{@code
   * assertThat(probe).retries().hasCount(1);        // passes: #2 retried after #1
   * assertThat(probe).retries().hasCountAtLeast(2); // fails
   * }</pre>
   *
   * @return assertions on the retries in a snapshot of the probe
   */
  public RetryAssert retries() {
    isNotNull();
    RetryAssert retries =
        navigation.retries(Retries.of(actual.connections())).withTimeline(actual::timeline);
    retries.info.description(info.description());
    retries.info.useRepresentation(info.representation());
    return retries;
  }

  private ProbeAssert counted(int n, String comparison, IntPredicate accepts) {
    Checks.requireAtLeast("n", n, 0);
    isNotNull();
    int count = actual.connections().size();
    if (!accepts.test(count)) {
      throwAssertionError(
          shouldHaveRecorded(
              comparison,
              Texts.count(n, "connection"),
              Texts.count(count, "connection"),
              actual.timeline()));
    }
    return myself;
  }

  private ProbeAssert resets(int n, String comparison, IntPredicate accepts) {
    isNotNull();
    int count = (int) actual.connections().stream().filter(ConnectionRecord::wasReset).count();
    if (!accepts.test(count)) {
      throwAssertionError(
          shouldHaveRecorded(
              comparison,
              Texts.count(n, "reset connection"),
              Texts.count(count, "reset connection"),
              actual.timeline()));
    }
    return myself;
  }

  /** Navigates to connection {@code index} (from 1; -1 for the last one). */
  private ConnectionAssert navigate(int index, String which) {
    if (actual == null) {
      return navigation.missing(assertionError(shouldNotBeNull()));
    }
    List<ConnectionRecord> records = actual.connections();
    int position = index < 0 ? records.size() - 1 : index - 1;
    if (position < 0 || position >= records.size()) {
      return navigation.missing(
          assertionError(shouldHaveRecordedConnection(which, records.size(), actual.timeline())));
    }
    ConnectionAssert connection =
        navigation.connection(records.get(position)).withTimeline(actual::timeline);
    connection.info.description(info.description());
    connection.info.useRepresentation(info.representation());
    return connection;
  }

  private static List<ConnectionRecord> open(List<ConnectionRecord> records) {
    return records.stream().filter(ConnectionRecord::isOpen).toList();
  }

  private static AssertionError withCause(AssertionError error, Exception cause) {
    try {
      error.initCause(cause);
    } catch (IllegalStateException alreadySet) {
      error.addSuppressed(cause);
    }
    return error;
  }
}
