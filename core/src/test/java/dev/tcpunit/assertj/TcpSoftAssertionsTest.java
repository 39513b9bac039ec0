package dev.tcpunit.assertj;

import static dev.tcpunit.assertj.Messages.expected;
import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.internal.probe.RecordingProbe;
import dev.tcpunit.probe.Retries;
import java.util.List;
import org.assertj.core.api.SoftAssertionsProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("TcpSoftAssertions")
class TcpSoftAssertionsTest {

  /** #1 SERVER_RESET at 12.5 ms, 78 B in, 0 out; #2 opened at 113 ms, CLIENT_FIN, 78 in, 19 out. */
  private final RecordingProbe probe = FakeProbe.resetThenAnswered().probe();

  private final TcpSoftAssertions softly = new TcpSoftAssertions();

  /**
   * The messages collected. AssertJ adds the line of each failed soft assertion after the message,
   * so the timeline comes just before that line.
   */
  private List<String> messages() {
    return softly.assertionErrorsCollected().stream().map(Throwable::getMessage).toList();
  }

  @Nested
  @DisplayName("proxies")
  class Proxies {

    @Test
    @DisplayName("are made for every assertion class")
    void everyClass() {
      assertThat(softly.assertThat(probe)).isInstanceOf(ProbeAssert.class);
      assertThat(softly.assertThat(probe.connection(1))).isInstanceOf(ConnectionAssert.class);
      assertThat(softly.assertThat(Retries.of(probe))).isInstanceOf(RetryAssert.class);
      assertThat(softly.assertThat(probe).connection(1).getClass())
          .as("navigation returns a soft proxy")
          .isNotEqualTo(ConnectionAssert.class);
      assertThat(softly.assertThat(probe).retries().getClass()).isNotEqualTo(RetryAssert.class);
    }

    @Test
    @DisplayName("pass silently when every assertion holds")
    void passing() {
      softly.assertThat(probe).hasConnections(2).retriedAfterReset().allClosed();
      softly.assertThat(probe).connection(1).wasReset().receivedBytes(78);
      softly.assertThat(probe).retries().hasCount(1).delaysAtLeast(ofMillis(100));
      softly.assertThat(probe.connection(2)).wasClosedByClient();
      softly.assertThat(Retries.of(probe)).firstRetryWithin(ofMillis(101));

      assertThatCode(softly::assertAll).doesNotThrowAnyException();
    }
  }

  @Nested
  @DisplayName("collecting")
  class Collecting {

    @Test
    @DisplayName("collects each failure with its full message instead of throwing")
    void collects() {
      softly.assertThat(probe).hasConnections(3);
      softly.assertThat(probe.connection(2)).wasReset();
      softly.assertThat(Retries.of(probe)).hasCount(2);

      assertThat(messages())
          .hasSize(3)
          .first()
          .asString()
          .startsWith(
              expected(
                  """
                  Expecting the probe to have recorded exactly:
                    <3 connections>
                  but it recorded:
                    <2 connections>
                  """,
                  probe));
      assertThatThrownBy(softly::assertAll)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("Multiple Failures (3 failures)");
    }

    @Test
    @DisplayName("keeps checking the rest of a chain after a failure")
    void chain() {
      softly.assertThat(probe).hasConnections(5).hasResets(2).hasAtLeastOneReset();

      assertThat(messages())
          .hasSize(2)
          .allSatisfy(m -> assertThat(m).contains(Messages.NL + Messages.NL + probe.timeline()))
          .anySatisfy(m -> assertThat(m).contains("<5 connections>"))
          .anySatisfy(m -> assertThat(m).contains("<2 reset connections>"));
    }

    @Test
    @DisplayName("collects failures chained after connection(n), with the probe's timeline")
    void afterNavigation() {
      softly.assertThat(probe).connection(2).wasReset().sentBytes(19).receivedNothing();

      assertThat(messages())
          .hasSize(2)
          .allSatisfy(m -> assertThat(m).contains(Messages.NL + Messages.NL + probe.timeline()));
      assertThat(messages().get(0))
          .startsWith(
              expected(
                  """
                  Expecting connection #2
                    <127.0.0.1:50002 -> 127.0.0.1:41000>
                  to have been reset but it ended with:
                    <CLIENT_FIN>
                  """,
                  probe));
    }

    @Test
    @DisplayName("reports a missing connection once, and nothing chained after it")
    void missingConnection() {
      softly.assertThat(probe).connection(5).wasReset().isOpen();
      softly.assertThat(new FakeProbe().probe()).lastConnection().isClosed();

      assertThat(messages())
          .hasSize(2)
          .anySatisfy(m -> assertThat(m).contains("<connection #5>"))
          .anySatisfy(m -> assertThat(m).contains("<a last connection>"));
    }

    @Test
    @DisplayName("collects failures chained after retries()")
    void afterRetries() {
      softly.assertThat(probe).retries().hasCount(2).delaysAtMost(ofMillis(50));

      assertThat(messages())
          .hasSize(2)
          .allSatisfy(m -> assertThat(m).contains(Messages.NL + Messages.NL + probe.timeline()));
    }

    @Test
    @DisplayName("collects everyConnection as one failure")
    void everyConnection() {
      softly.assertThat(probe).everyConnection(c -> c.wasReset().sentBytes(0));

      assertThat(messages())
          .singleElement()
          .asString()
          .contains("but 1 of 2 did not:")
          .contains("connection #2:");
    }

    @Test
    @DisplayName("works with assertSoftly")
    void assertSoftly() {
      assertThatThrownBy(
              () ->
                  SoftAssertionsProvider.assertSoftly(
                      TcpSoftAssertions.class,
                      s -> {
                        s.assertThat(probe).noneReset();
                        s.assertThat(probe).lastConnection().wasResetByServer();
                      }))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("Multiple Failures (2 failures)")
          .hasMessageContaining("no reset connections")
          .hasMessageContaining("to have been reset by the server");
    }
  }
}
