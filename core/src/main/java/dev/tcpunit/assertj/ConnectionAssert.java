package dev.tcpunit.assertj;

import static dev.tcpunit.internal.assertj.ShouldBeOpen.shouldBeOpen;
import static dev.tcpunit.internal.assertj.ShouldHaveEnded.shouldHaveEnded;
import static dev.tcpunit.internal.assertj.ShouldHaveLasted.shouldHaveLasted;
import static dev.tcpunit.internal.assertj.ShouldHaveOpenedWithin.shouldHaveOpenedWithin;
import static dev.tcpunit.internal.assertj.ShouldHaveTransferred.shouldHaveReceived;
import static dev.tcpunit.internal.assertj.ShouldHaveTransferred.shouldHaveSent;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionRecord;
import dev.tcpunit.probe.Timeline;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on one recorded connection.
 *
 * <p>The examples below use a probe that recorded two connections: #1 reset by the server after 12
 * ms with 78 bytes received and none sent, #2 opened at 113 ms, closed by the client, 78 bytes
 * received and 19 sent. A few examples add a connection #3, described where it appears.
 *
 * <pre>{@code
 * assertThat(probe).connection(1).wasResetByServer().receivedBytes(78);
 * assertThat(probe).lastConnection().wasClosedByClient().sentBytes(19);
 * }</pre>
 *
 * A failure message names the connection and ends with the probe's timeline; asserting on a record
 * directly ({@link TcpAssertions#assertThat(ConnectionRecord)}) shows that record alone.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class ConnectionAssert extends AbstractAssert<ConnectionAssert, ConnectionRecord> {

  private @Nullable Supplier<String> timeline;

  /**
   * Creates the assertions on a connection; failure messages show the connection alone. Prefer
   * {@link TcpAssertions#assertThat(ConnectionRecord)}.
   *
   * @param actual the connection
   */
  public ConnectionAssert(@Nullable ConnectionRecord actual) {
    super(actual, ConnectionAssert.class);
  }

  /** Makes failure messages end with the given timeline instead of the connection alone. */
  final ConnectionAssert withTimeline(Supplier<String> timeline) {
    this.timeline = timeline;
    return this;
  }

  /**
   * Verifies that the connection was reset (RST) by either side.
   *
   * <pre>{@code
   * assertThat(probe).connection(1).wasReset(); // passes: SERVER_RESET
   * assertThat(probe).connection(2).wasReset(); // fails: CLIENT_FIN
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the connection is open or ended without RST
   */
  public ConnectionAssert wasReset() {
    return endedSo(ConnectionEnd::isReset, "have been reset");
  }

  /**
   * Verifies that the client reset the connection (RST), for example after its read timeout with
   * {@code SO_LINGER 0}.
   *
   * <pre>{@code
   * // passes when the client aborted connection #3:
   * assertThat(probe).connection(3).wasResetByClient();
   * assertThat(probe).connection(1).wasResetByClient(); // fails: SERVER_RESET
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the connection did not end with {@link ConnectionEnd#CLIENT_RESET}
   */
  public ConnectionAssert wasResetByClient() {
    return endedSo(end -> end == ConnectionEnd.CLIENT_RESET, "have been reset by the client");
  }

  /**
   * Verifies that the server (or the upstream behind a proxy) reset the connection (RST).
   *
   * <pre>{@code
   * assertThat(probe).connection(1).wasResetByServer(); // passes
   * assertThat(probe).connection(2).wasResetByServer(); // fails: CLIENT_FIN
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the connection did not end with {@link ConnectionEnd#SERVER_RESET}
   */
  public ConnectionAssert wasResetByServer() {
    return endedSo(end -> end == ConnectionEnd.SERVER_RESET, "have been reset by the server");
  }

  /**
   * Verifies that the client closed the connection gracefully (FIN).
   *
   * <pre>{@code
   * assertThat(probe).connection(2).wasClosedByClient(); // passes
   * assertThat(probe).connection(1).wasClosedByClient(); // fails: SERVER_RESET
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the connection did not end with {@link ConnectionEnd#CLIENT_FIN}
   */
  public ConnectionAssert wasClosedByClient() {
    return endedSo(end -> end == ConnectionEnd.CLIENT_FIN, "have been closed by the client (FIN)");
  }

  /**
   * Verifies that the server (or the upstream behind a proxy) closed the connection gracefully
   * (FIN).
   *
   * <pre>{@code
   * // passes when the server answered connection #3 and closed it:
   * assertThat(probe).connection(3).wasClosedByServer();
   * assertThat(probe).connection(2).wasClosedByServer(); // fails: CLIENT_FIN
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the connection did not end with {@link ConnectionEnd#SERVER_FIN}
   */
  public ConnectionAssert wasClosedByServer() {
    return endedSo(end -> end == ConnectionEnd.SERVER_FIN, "have been closed by the server (FIN)");
  }

  /**
   * Verifies how the connection ended.
   *
   * <pre>{@code
   * assertThat(probe).connection(1).endedWith(ConnectionEnd.SERVER_RESET); // passes
   * assertThat(probe).connection(1).endedWith(ConnectionEnd.TIMEOUT);      // fails
   * }</pre>
   *
   * @param expected the expected end; {@link ConnectionEnd#OPEN} asserts the connection is open
   * @return this assertion object
   * @throws AssertionError if the connection ended another way
   */
  public ConnectionAssert endedWith(ConnectionEnd expected) {
    Objects.requireNonNull(expected, "expected");
    if (expected == ConnectionEnd.OPEN) {
      return isOpen();
    }
    return endedSo(end -> end == expected, "have ended with " + expected);
  }

  /**
   * Verifies that the connection is still open (as of the snapshot asserted on).
   *
   * <pre>{@code
   * // passes while the client keeps connection #3 open, pooled for example:
   * assertThat(probe).connection(3).isOpen();
   * assertThat(probe).connection(2).isOpen(); // fails: it ended with CLIENT_FIN
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the connection has ended
   */
  public ConnectionAssert isOpen() {
    isNotNull();
    if (!actual.isOpen()) {
      throwAssertionError(shouldBeOpen(actual, timeline()));
    }
    return myself;
  }

  /**
   * Verifies that the connection has ended, whichever way.
   *
   * <pre>{@code
   * assertThat(probe).connection(2).isClosed(); // passes
   * // fails while the client keeps connection #3 open:
   * assertThat(probe).connection(3).isClosed();
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the connection is still open
   */
  public ConnectionAssert isClosed() {
    return endedSo(ConnectionEnd::isEnded, "have ended");
  }

  /**
   * Verifies that the connection ended no later than {@code max} after it opened.
   *
   * <pre>{@code
   * assertThat(probe).connection(1).lastedAtMost(Duration.ofMillis(50)); // passes: 12 ms
   * assertThat(probe).connection(1).lastedAtMost(Duration.ofMillis(5));  // fails
   * }</pre>
   *
   * @param max the longest acceptable duration; zero or positive
   * @return this assertion object
   * @throws AssertionError if the connection lasted longer or is still open
   */
  public ConnectionAssert lastedAtMost(Duration max) {
    Checks.requireNonNegative("max", max);
    isNotNull();
    if (actual.duration().map(d -> d.compareTo(max) > 0).orElse(true)) {
      throwAssertionError(shouldHaveLasted(actual, "at most", max, timeline()));
    }
    return myself;
  }

  /**
   * Verifies that the connection ended no earlier than {@code min} after it opened, for example
   * that a client waited for a slow response instead of giving up.
   *
   * <pre>{@code
   * assertThat(probe).connection(1).lastedAtLeast(Duration.ofMillis(10)); // passes: 12 ms
   * assertThat(probe).connection(1).lastedAtLeast(Duration.ofSeconds(1)); // fails
   * }</pre>
   *
   * @param min the shortest acceptable duration; zero or positive
   * @return this assertion object
   * @throws AssertionError if the connection lasted less or is still open
   */
  public ConnectionAssert lastedAtLeast(Duration min) {
    Checks.requireNonNegative("min", min);
    isNotNull();
    if (actual.duration().map(d -> d.compareTo(min) < 0).orElse(true)) {
      throwAssertionError(shouldHaveLasted(actual, "at least", min, timeline()));
    }
    return myself;
  }

  /**
   * Verifies that the connection opened no later than {@code within} after the probe's start.
   *
   * <pre>{@code
   * assertThat(probe).connection(2).openedWithin(Duration.ofMillis(200)); // passes: 113 ms
   * assertThat(probe).connection(2).openedWithin(Duration.ofMillis(100)); // fails
   * }</pre>
   *
   * @param within the latest acceptable offset from the probe's start; zero or positive
   * @return this assertion object
   * @throws AssertionError if the connection opened later
   */
  public ConnectionAssert openedWithin(Duration within) {
    Checks.requireNonNegative("within", within);
    isNotNull();
    if (actual.opened().compareTo(within) > 0) {
      throwAssertionError(shouldHaveOpenedWithin(actual, within, timeline()));
    }
    return myself;
  }

  /**
   * Verifies how many bytes arrived from the client.
   *
   * <pre>{@code
   * assertThat(probe).connection(1).receivedBytes(78); // passes
   * assertThat(probe).connection(1).receivedBytes(0);  // fails
   * }</pre>
   *
   * @param expected the expected byte count
   * @return this assertion object
   * @throws AssertionError if another number of bytes arrived
   */
  public ConnectionAssert receivedBytes(long expected) {
    Checks.requireAtLeast("expected", expected, 0);
    isNotNull();
    if (actual.bytesFromClient() != expected) {
      throwAssertionError(shouldHaveReceived(actual, expected, timeline()));
    }
    return myself;
  }

  /**
   * Verifies how many bytes were sent to the client.
   *
   * <pre>{@code
   * assertThat(probe).connection(2).sentBytes(19); // passes
   * assertThat(probe).connection(1).sentBytes(19); // fails: 0 bytes
   * }</pre>
   *
   * @param expected the expected byte count
   * @return this assertion object
   * @throws AssertionError if another number of bytes was sent
   */
  public ConnectionAssert sentBytes(long expected) {
    Checks.requireAtLeast("expected", expected, 0);
    isNotNull();
    if (actual.bytesToClient() != expected) {
      throwAssertionError(shouldHaveSent(actual, expected, timeline()));
    }
    return myself;
  }

  /**
   * Verifies that the client sent nothing, for example that it gave up before writing a request.
   *
   * <pre>{@code
   * // passes when the client of connection #3 gave up before writing:
   * assertThat(probe).connection(3).receivedNothing();
   * assertThat(probe).connection(1).receivedNothing(); // fails: 78 bytes
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if any byte arrived from the client
   */
  public ConnectionAssert receivedNothing() {
    return receivedBytes(0);
  }

  private ConnectionAssert endedSo(Predicate<ConnectionEnd> condition, String expectation) {
    isNotNull();
    if (!condition.test(actual.end())) {
      throwAssertionError(shouldHaveEnded(actual, expectation, timeline()));
    }
    return myself;
  }

  private String timeline() {
    return timeline == null ? Timeline.render(List.of(actual)) : timeline.get();
  }
}
