package dev.tcpunit.assertj;

import static dev.tcpunit.assertj.Messages.expected;
import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.internal.probe.RecordingProbe;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.Retries;
import dev.tcpunit.probe.Timeline;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("RetryAssert")
class RetryAssertTest {

  /** Four attempts, each reset after 10 ms; the client waited 100, 200 and 400 ms. */
  private final RecordingProbe doubling = FakeProbe.retriedWithDelays(100, 200, 400).probe();

  /** One connection, answered: no retry. */
  private final RecordingProbe calm =
      new FakeProbe().ended(0, 10, 10, 5, ConnectionEnd.CLIENT_FIN).probe();

  @Nested
  @DisplayName("counting retries")
  class Counting {

    @Test
    @DisplayName("hasCount passes for the exact count")
    void hasCountPasses() {
      assertThatCode(() -> assertThat(doubling).retries().hasCount(3)).doesNotThrowAnyException();
      assertThatCode(() -> assertThat(calm).retries().hasCount(0)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("hasCount fails for another count, listing the measured delays")
    void hasCountFails() {
      assertThatThrownBy(() -> assertThat(doubling).retries().hasCount(2))
          .isInstanceOf(AssertionError.class)
          .hasMessage(
              expected(
                  """
                  Expecting the client to have retried exactly:
                    <2 times>
                  but it retried:
                    <3 times>
                  measured delays (ms):
                    <[100, 200, 400]>
                  """,
                  doubling));
    }

    @Test
    @DisplayName("hasCountAtMost and hasCountAtLeast include their bound")
    void bounds() {
      assertThatCode(() -> assertThat(doubling).retries().hasCountAtMost(3).hasCountAtLeast(3))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> assertThat(doubling).retries().hasCountAtMost(1))
          .hasMessageContaining("to have retried at most:" + Messages.NL + "  <1 time>");
      assertThatThrownBy(() -> assertThat(calm).retries().hasCountAtLeast(1))
          .hasMessage(
              expected(
                  """
                  Expecting the client to have retried at least:
                    <1 time>
                  but it retried:
                    <0 times>
                  measured delays (ms):
                    <[]>
                  """,
                  calm));
    }

    @Test
    @DisplayName("a negative count is an argument error")
    void negative() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> assertThat(calm).retries().hasCountAtMost(-1))
          .withMessage("n: -1 (expected: >= 0)");
    }
  }

  @Nested
  @DisplayName("delays")
  class Delays {

    @Test
    @DisplayName("delaysAtLeast passes from the bound and fails listing shorter delays")
    void atLeast() {
      assertThatCode(() -> assertThat(doubling).retries().delaysAtLeast(ofMillis(100)))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> assertThat(doubling).retries().delaysAtLeast(ofMillis(150)))
          .hasMessage(
              expected(
                  """
                  Expecting every retry delay to be at least:
                    <150 ms>
                  but these were not:
                    <retry #1 (connection #2 after #1 SERVER_RESET): 100 ms>
                  measured delays (ms):
                    <[100, 200, 400]>
                  """,
                  doubling));
    }

    @Test
    @DisplayName("delaysAtMost passes up to the bound and fails listing longer delays")
    void atMost() {
      assertThatCode(() -> assertThat(doubling).retries().delaysAtMost(ofMillis(400)))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> assertThat(doubling).retries().delaysAtMost(ofMillis(150)))
          .hasMessage(
              expected(
                  """
                  Expecting every retry delay to be at most:
                    <150 ms>
                  but these were not:
                    <retry #2 (connection #3 after #2 SERVER_RESET): 200 ms>
                    <retry #3 (connection #4 after #3 SERVER_RESET): 400 ms>
                  measured delays (ms):
                    <[100, 200, 400]>
                  """,
                  doubling));
    }

    @Test
    @DisplayName("delaysBetween includes both bounds")
    void between() {
      assertThatCode(
              () -> assertThat(doubling).retries().delaysBetween(ofMillis(100), ofMillis(400)))
          .doesNotThrowAnyException();
      assertThatThrownBy(
              () -> assertThat(doubling).retries().delaysBetween(ofMillis(150), ofMillis(300)))
          .hasMessage(
              expected(
                  """
                  Expecting every retry delay to be between:
                    <150 ms and 300 ms>
                  but these were not:
                    <retry #1 (connection #2 after #1 SERVER_RESET): 100 ms>
                    <retry #3 (connection #4 after #3 SERVER_RESET): 400 ms>
                  measured delays (ms):
                    <[100, 200, 400]>
                  """,
                  doubling));
    }

    @Test
    @DisplayName("delay assertions fail when the client never retried")
    void neverRetried() {
      assertThatThrownBy(() -> assertThat(calm).retries().delaysAtMost(ofMillis(150)))
          .hasMessage(
              expected(
                  """
                  Expecting every retry delay to be at most:
                    <150 ms>
                  but the client never retried
                  """,
                  calm));
      assertThatThrownBy(() -> assertThat(calm).retries().delaysAtLeast(ofMillis(1)))
          .hasMessageContaining("but the client never retried");
      assertThatThrownBy(() -> assertThat(calm).retries().delaysBetween(ofMillis(1), ofMillis(2)))
          .hasMessageContaining("but the client never retried");
    }

    @Test
    @DisplayName("bounds are checked as arguments")
    void arguments() {
      RetryAssert retries = assertThat(doubling).retries();

      assertThatIllegalArgumentException()
          .isThrownBy(() -> retries.delaysBetween(ofMillis(300), ofMillis(150)))
          .withMessage("max: PT0.15S (expected: >= min PT0.3S)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> retries.delaysAtLeast(ofMillis(-1)))
          .withMessage("min: PT-0.001S (expected: >= 0)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> retries.delaysAtMost(ofMillis(-1)))
          .withMessage("max: PT-0.001S (expected: >= 0)");
    }

    @Test
    @DisplayName("firstRetryWithin bounds the first delay only")
    void firstRetryWithin() {
      assertThatCode(() -> assertThat(doubling).retries().firstRetryWithin(ofMillis(100)))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> assertThat(doubling).retries().firstRetryWithin(ofMillis(50)))
          .hasMessage(
              expected(
                  """
                  Expecting the first retry to have opened within:
                    <50 ms>
                  of the failed connection's end but it was:
                    <retry #1 (connection #2 after #1 SERVER_RESET): 100 ms>
                  measured delays (ms):
                    <[100, 200, 400]>
                  """,
                  doubling));
      assertThatThrownBy(() -> assertThat(calm).retries().firstRetryWithin(ofMillis(50)))
          .hasMessage(
              expected(
                  """
                  Expecting the first retry to have opened within:
                    <50 ms>
                  but the client never retried
                  """,
                  calm));
    }
  }

  @Nested
  @DisplayName("back-off")
  class BackOff {

    @Test
    @DisplayName("backOffGrowsBy passes for delays multiplying by the factor")
    void growsByPasses() {
      assertThatCode(() -> assertThat(doubling).retries().backOffGrowsBy(2.0, 0.0))
          .doesNotThrowAnyException();
      RecordingProbe jittered = FakeProbe.retriedWithDelays(100, 150, 375).probe();
      assertThatCode(() -> assertThat(jittered).retries().backOffGrowsBy(2.0, 0.25))
          .as("1.5 and 2.5 times are at the edges of 2 ± 25%")
          .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("backOffGrowsBy fails stating the tolerance and every measured delay")
    void growsByFails() {
      RecordingProbe linear = FakeProbe.retriedWithDelays(100, 200, 300).probe();

      assertThatThrownBy(() -> assertThat(linear).retries().backOffGrowsBy(2.0, 0.1))
          .hasMessage(
              expected(
                  """
                  Expecting each retry delay to be the previous one times:
                    <2 ± 10% (1.8 to 2.2)>
                  but these were not:
                    <retry #3 (connection #4 after #3 SERVER_RESET): 300 ms, 1.5 times the \
                  previous 200 ms>
                  measured delays (ms):
                    <[100, 200, 300]>
                  """,
                  linear));
    }

    @Test
    @DisplayName("backOffGrowsBy handles a zero delay before a longer one")
    void growsFromZero() {
      RecordingProbe immediate = FakeProbe.retriedWithDelays(0, 100).probe();

      assertThatThrownBy(() -> assertThat(immediate).retries().backOffGrowsBy(2.0, 0.5))
          .hasMessageContaining(
              "<retry #2 (connection #3 after #2 SERVER_RESET): 100 ms, the previous was 0 ms>");
    }

    @Test
    @DisplayName("back-off assertions need at least two retries")
    void needsTwoRetries() {
      RecordingProbe once = FakeProbe.retriedWithDelays(100).probe();

      assertThatThrownBy(() -> assertThat(once).retries().backOffGrowsBy(2.0, 0.5))
          .hasMessage(
              expected(
                  """
                  Expecting each retry delay to be the previous one times 2 ± 50% (1 to 3), which \
                  needs at least 2 retries, but the client retried:
                    <1 time>
                  measured delays (ms):
                    <[100]>
                  """,
                  once));
      assertThatThrownBy(() -> assertThat(calm).retries().backOffGrowing())
          .hasMessageContaining("which needs at least 2 retries, but the client retried:");
    }

    @Test
    @DisplayName("backOffGrowsBy checks its factor and tolerance")
    void growsByArguments() {
      RetryAssert retries = assertThat(doubling).retries();

      assertThatIllegalArgumentException()
          .isThrownBy(() -> retries.backOffGrowsBy(0, 0.5))
          .withMessage("factor: 0.0 (expected: > 0)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> retries.backOffGrowsBy(Double.NaN, 0.5))
          .withMessage("factor: NaN (expected: > 0)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> retries.backOffGrowsBy(2, 1.5))
          .withMessage("tolerance: 1.5 (expected: 0.0-1.0)");
    }

    @Test
    @DisplayName("backOffGrowing accepts equal delays and fails on a shorter one")
    void growing() {
      RecordingProbe steady = FakeProbe.retriedWithDelays(100, 100, 200).probe();
      assertThatCode(() -> assertThat(steady).retries().backOffGrowing())
          .doesNotThrowAnyException();
      RecordingProbe shrinking = FakeProbe.retriedWithDelays(100, 200, 150).probe();

      assertThatThrownBy(() -> assertThat(shrinking).retries().backOffGrowing())
          .hasMessage(
              expected(
                  """
                  Expecting each retry delay to be at least as long as the previous one but these \
                  were shorter:
                    <retry #3 (connection #4 after #3 SERVER_RESET): 150 ms, 0.75 times the \
                  previous 200 ms>
                  measured delays (ms):
                    <[100, 200, 150]>
                  """,
                  shrinking));
    }
  }

  @Nested
  @DisplayName("on retries alone")
  class Standalone {

    @Test
    @DisplayName("failures end with the retries' connections")
    void ownTimeline() {
      Retries retries = Retries.of(doubling.connections().subList(0, 2));

      assertThatThrownBy(() -> assertThat(retries).hasCount(2))
          .hasMessage(
              expected(
                  """
                  Expecting the client to have retried exactly:
                    <2 times>
                  but it retried:
                    <1 time>
                  measured delays (ms):
                    <[100]>
                  """,
                  Timeline.render(retries.connections())));
    }

    @Test
    @DisplayName("a null value fails as AssertJ does")
    void nullRetries() {
      assertThatThrownBy(() -> assertThat((Retries) null).hasCount(0))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("Expecting actual not to be null");
    }
  }
}
