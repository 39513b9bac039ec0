package dev.tcpunit.assertj;

import static dev.tcpunit.internal.assertj.ShouldBackOff.shouldGrow;
import static dev.tcpunit.internal.assertj.ShouldBackOff.shouldGrowBy;
import static dev.tcpunit.internal.assertj.ShouldBackOff.shouldHaveRetriedTwice;
import static dev.tcpunit.internal.assertj.ShouldHaveRetryCount.shouldHaveRetryCount;
import static dev.tcpunit.internal.assertj.ShouldHaveRetryDelays.shouldHaveDelays;
import static dev.tcpunit.internal.assertj.ShouldHaveRetryDelays.shouldHaveFirstRetryWithin;
import static dev.tcpunit.internal.assertj.ShouldHaveRetryDelays.shouldHaveRetried;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import dev.tcpunit.internal.assertj.Texts;
import dev.tcpunit.probe.Retries;
import dev.tcpunit.probe.Retries.Retry;
import dev.tcpunit.probe.Timeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on a client's retries: how many, how long it waited, how the waits grow.
 *
 * <p>{@link Retries} defines the model: a retry is a connection opening after an earlier one failed
 * (reset, proxy fault, timeout, or closed by the server before any response byte); its delay runs
 * from the failed connection's end to the retry's open. Delay assertions fail when the client never
 * retried, so they cannot pass by accident. The examples below use a client that retried three
 * times after resets, waiting 100, 200 and 400 ms ({@code probe}), and one that waited 100, 200 and
 * 150 ms ({@code jittery}).
 *
 * <pre>{@code
 * assertThat(probe).retries()
 *     .hasCount(3)
 *     .firstRetryWithin(Duration.ofMillis(150))
 *     .delaysBetween(Duration.ofMillis(50), Duration.ofSeconds(1))
 *     .backOffGrowsBy(2.0, 0.25);
 * }</pre>
 *
 * Failure messages list the measured delays in milliseconds and end with the probe's timeline.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class RetryAssert extends AbstractAssert<RetryAssert, Retries> {

  private @Nullable Supplier<String> timeline;

  /**
   * Creates the assertions on retries; failure messages show the retries' connections. Prefer
   * {@link ProbeAssert#retries()} or {@link TcpAssertions#assertThat(Retries)}.
   *
   * @param actual the retries
   */
  public RetryAssert(@Nullable Retries actual) {
    super(actual, RetryAssert.class);
  }

  /** Makes failure messages end with the given timeline instead of the retries' connections. */
  final RetryAssert withTimeline(Supplier<String> timeline) {
    this.timeline = timeline;
    return this;
  }

  /**
   * Verifies that the client retried exactly {@code n} times.
   *
   * <pre>{@code
   * assertThat(probe).retries().hasCount(3); // passes
   * assertThat(probe).retries().hasCount(2); // fails
   * }</pre>
   *
   * @param n the expected number of retries
   * @return this assertion object
   * @throws AssertionError if the client retried another number of times
   */
  public RetryAssert hasCount(int n) {
    return counted(n, "exactly", count -> count == n);
  }

  /**
   * Verifies that the client retried at most {@code n} times, for example that its retry budget
   * holds.
   *
   * <pre>{@code
   * assertThat(probe).retries().hasCountAtMost(3); // passes
   * assertThat(probe).retries().hasCountAtMost(2); // fails
   * }</pre>
   *
   * @param n the largest acceptable number of retries
   * @return this assertion object
   * @throws AssertionError if the client retried more often
   */
  public RetryAssert hasCountAtMost(int n) {
    return counted(n, "at most", count -> count <= n);
  }

  /**
   * Verifies that the client retried at least {@code n} times.
   *
   * <pre>{@code
   * assertThat(probe).retries().hasCountAtLeast(1); // passes
   * assertThat(probe).retries().hasCountAtLeast(4); // fails
   * }</pre>
   *
   * @param n the smallest acceptable number of retries
   * @return this assertion object
   * @throws AssertionError if the client retried less often
   */
  public RetryAssert hasCountAtLeast(int n) {
    return counted(n, "at least", count -> count >= n);
  }

  /**
   * Verifies that the client waited at least {@code min} before every retry.
   *
   * <pre>{@code
   * assertThat(probe).retries().delaysAtLeast(Duration.ofMillis(100)); // passes
   * assertThat(probe).retries().delaysAtLeast(Duration.ofMillis(150)); // fails: 100 ms
   * }</pre>
   *
   * @param min the shortest acceptable delay; zero or positive
   * @return this assertion object
   * @throws AssertionError if a delay was shorter, or the client never retried
   */
  public RetryAssert delaysAtLeast(Duration min) {
    Checks.requireNonNegative("min", min);
    return delays("at least", Texts.ms(min), d -> d.compareTo(min) >= 0);
  }

  /**
   * Verifies that the client waited at most {@code max} before every retry.
   *
   * <pre>{@code
   * assertThat(probe).retries().delaysAtMost(Duration.ofMillis(500)); // passes
   * assertThat(probe).retries().delaysAtMost(Duration.ofMillis(300)); // fails: 400 ms
   * }</pre>
   *
   * @param max the longest acceptable delay; zero or positive
   * @return this assertion object
   * @throws AssertionError if a delay was longer, or the client never retried
   */
  public RetryAssert delaysAtMost(Duration max) {
    Checks.requireNonNegative("max", max);
    return delays("at most", Texts.ms(max), d -> d.compareTo(max) <= 0);
  }

  /**
   * Verifies that every retry delay lies between {@code min} and {@code max}, both included.
   *
   * <pre>{@code
   * assertThat(probe).retries().delaysBetween(ofMillis(50), ofMillis(500));  // passes
   * assertThat(probe).retries().delaysBetween(ofMillis(150), ofMillis(500)); // fails: 100 ms
   * }</pre>
   *
   * @param min the shortest acceptable delay; zero or positive
   * @param max the longest acceptable delay; at least {@code min}
   * @return this assertion object
   * @throws AssertionError if a delay was out of bounds, or the client never retried
   */
  public RetryAssert delaysBetween(Duration min, Duration max) {
    Checks.requireNonNegative("min", min);
    Checks.requireNonNegative("max", max);
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException("max: " + max + " (expected: >= min " + min + ")");
    }
    return delays(
        "between",
        Texts.ms(min) + " and " + Texts.ms(max),
        d -> d.compareTo(min) >= 0 && d.compareTo(max) <= 0);
  }

  /**
   * Verifies that the client waited no longer than {@code max} before its first retry.
   *
   * <pre>{@code
   * assertThat(probe).retries().firstRetryWithin(Duration.ofMillis(150)); // passes: 100 ms
   * assertThat(probe).retries().firstRetryWithin(Duration.ofMillis(50));  // fails
   * }</pre>
   *
   * @param max the longest acceptable first delay; zero or positive
   * @return this assertion object
   * @throws AssertionError if the first retry came later, or the client never retried
   */
  public RetryAssert firstRetryWithin(Duration max) {
    Checks.requireNonNegative("max", max);
    isNotNull();
    if (actual.count() == 0) {
      throwAssertionError(
          shouldHaveRetried("the first retry to have opened within", Texts.ms(max), timeline()));
    }
    Retry first = actual.list().get(0);
    if (first.delay().compareTo(max) > 0) {
      throwAssertionError(
          shouldHaveFirstRetryWithin(Texts.ms(max), Texts.retry(1, first), actual, timeline()));
    }
    return myself;
  }

  /**
   * Verifies an exponential back-off: each delay is the previous one times {@code factor}, within
   * {@code ±tolerance} as a fraction. With {@code backOffGrowsBy(2.0, 0.5)} each delay must be
   * between 1 and 3 times the previous one. Needs at least two retries.
   *
   * <pre>{@code
   * assertThat(probe).retries().backOffGrowsBy(2.0, 0.25); // passes: 100, 200, 400 ms
   * assertThat(probe).retries().backOffGrowsBy(3.0, 0.1);  // fails: 200 ms is 2 times 100 ms
   * }</pre>
   *
   * @param factor how much each delay multiplies the previous one; positive
   * @param tolerance the accepted deviation, a fraction of {@code factor} from 0.0 to 1.0
   * @return this assertion object
   * @throws AssertionError if a delay is out of bounds, or the client retried fewer than 2 times
   */
  public RetryAssert backOffGrowsBy(double factor, double tolerance) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor: " + factor + " (expected: > 0)");
    }
    Checks.requireProbability("tolerance", tolerance);
    double low = factor * (1 - tolerance);
    double high = factor * (1 + tolerance);
    String expected =
        Texts.number(factor)
            + " ± "
            + Texts.percent(tolerance)
            + " ("
            + Texts.number(low)
            + " to "
            + Texts.number(high)
            + ")";
    List<String> offenders =
        compareDelays(
            "each retry delay to be the previous one times " + expected,
            (previous, current) ->
                current >= previous * low - 0.5 && current <= previous * high + 0.5);
    if (!offenders.isEmpty()) {
      throwAssertionError(shouldGrowBy(expected, offenders, actual, timeline()));
    }
    return myself;
  }

  /**
   * Verifies that the delays never shrink: each is at least as long as the previous one. Needs at
   * least two retries.
   *
   * <pre>{@code
   * assertThat(probe).retries().backOffGrowing();   // passes: 100, 200, 400 ms
   * assertThat(jittery).retries().backOffGrowing(); // fails: 100, 200, 150 ms
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if a delay is shorter than the previous one, or the client retried fewer
   *     than 2 times
   */
  public RetryAssert backOffGrowing() {
    List<String> offenders =
        compareDelays(
            "each retry delay to be at least as long as the previous one",
            (previous, current) -> current >= previous);
    if (!offenders.isEmpty()) {
      throwAssertionError(shouldGrow(offenders, actual, timeline()));
    }
    return myself;
  }

  private RetryAssert counted(int n, String comparison, IntPredicate accepts) {
    Checks.requireAtLeast("n", n, 0);
    isNotNull();
    if (!accepts.test(actual.count())) {
      throwAssertionError(shouldHaveRetryCount(comparison, n, actual, timeline()));
    }
    return myself;
  }

  private RetryAssert delays(String comparison, String bounds, Predicate<Duration> accepts) {
    isNotNull();
    if (actual.count() == 0) {
      throwAssertionError(
          shouldHaveRetried("every retry delay to be " + comparison, bounds, timeline()));
    }
    List<String> offenders = new ArrayList<>();
    List<Retry> retries = actual.list();
    for (int i = 0; i < retries.size(); i++) {
      if (!accepts.test(retries.get(i).delay())) {
        offenders.add(Texts.retry(i + 1, retries.get(i)));
      }
    }
    if (!offenders.isEmpty()) {
      throwAssertionError(shouldHaveDelays(comparison, bounds, offenders, actual, timeline()));
    }
    return myself;
  }

  /** Compares each delay (ns) with the previous one; returns the retries that fail the test. */
  private List<String> compareDelays(String expectation, DelayTest test) {
    isNotNull();
    List<Retry> retries = actual.list();
    if (retries.size() < 2) {
      throwAssertionError(shouldHaveRetriedTwice(expectation, actual, timeline()));
    }
    List<String> offenders = new ArrayList<>();
    for (int i = 1; i < retries.size(); i++) {
      Duration previous = retries.get(i - 1).delay();
      Duration current = retries.get(i).delay();
      if (!test.accepts(previous.toNanos(), current.toNanos())) {
        String ratio =
            previous.isZero()
                ? "the previous was 0 ms"
                : Texts.number((double) current.toNanos() / previous.toNanos())
                    + " times the previous "
                    + Texts.ms(previous);
        offenders.add(Texts.retry(i + 1, retries.get(i)) + ", " + ratio);
      }
    }
    return offenders;
  }

  private String timeline() {
    return timeline == null ? Timeline.render(actual.connections()) : timeline.get();
  }

  /** A test of one delay against the previous one, both in nanoseconds. */
  private interface DelayTest {
    boolean accepts(double previous, double current);
  }
}
