package dev.tcpunit.assertj;

import static dev.tcpunit.assertj.Messages.expected;
import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.internal.probe.RecordingProbe;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionRecord;
import dev.tcpunit.probe.Timeline;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("ConnectionAssert")
class ConnectionAssertTest {

  /** #1 SERVER_RESET at 12.5 ms, 78 B in, 0 out; #2 opened at 113 ms, CLIENT_FIN, 78 in, 19 out. */
  private final RecordingProbe probe = FakeProbe.resetThenAnswered().probe();

  @Nested
  @DisplayName("how the connection ended")
  class Ends {

    @Test
    @DisplayName("wasReset passes for a reset by either side")
    void wasResetPasses() {
      assertThatCode(() -> assertThat(probe).connection(1).wasReset()).doesNotThrowAnyException();
      RecordingProbe clientReset =
          new FakeProbe().ended(0, 0, 0, 1, ConnectionEnd.CLIENT_RESET).probe();
      assertThatCode(() -> assertThat(clientReset).connection(1).wasReset())
          .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("wasReset fails for a FIN, naming the connection and ending with the timeline")
    void wasResetFails() {
      assertThatThrownBy(() -> assertThat(probe).connection(2).wasReset())
          .isInstanceOf(AssertionError.class)
          .hasMessage(
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
    @DisplayName("the timeline at the end is the probe's, row by row")
    void timelineLayout() {
      assertThatThrownBy(() -> assertThat(probe).connection(2).wasReset())
          .hasMessageEndingWith(
              String.join(
                  Messages.NL,
                  "Connections (2):",
                  "  #  client                  server                    open(ms)  duration(ms)"
                      + "     in(B)    out(B)  end",
                  "  1  127.0.0.1:50001         127.0.0.1:41000              0.500        12.000"
                      + "        78         0  SERVER_RESET",
                  "  2  127.0.0.1:50002         127.0.0.1:41000            113.000        17.000"
                      + "        78        19  CLIENT_FIN",
                  ""));
    }

    @Test
    @DisplayName("wasReset fails for an open connection, saying it is still open")
    void wasResetFailsWhileOpen() {
      FakeProbe fake = new FakeProbe();
      fake.open(1, 0, 0);

      assertThatThrownBy(() -> assertThat(fake.probe()).connection(1).wasReset())
          .hasMessage(
              expected(
                  """
                  Expecting connection #1
                    <127.0.0.1:50001 -> 127.0.0.1:41000>
                  to have been reset but it is still open
                  """,
                  fake.probe()));
    }

    @Test
    @DisplayName("wasResetByServer and wasResetByClient tell the sides apart")
    void resetSides() {
      assertThatCode(() -> assertThat(probe).connection(1).wasResetByServer())
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> assertThat(probe).connection(1).wasResetByClient())
          .hasMessage(
              expected(
                  """
                  Expecting connection #1
                    <127.0.0.1:50001 -> 127.0.0.1:41000>
                  to have been reset by the client but it ended with:
                    <SERVER_RESET>
                  """,
                  probe));
      assertThatThrownBy(() -> assertThat(probe).connection(2).wasResetByServer())
          .hasMessageContaining("to have been reset by the server but it ended with:");
    }

    @Test
    @DisplayName("wasClosedByClient and wasClosedByServer tell the sides apart")
    void closeSides() {
      assertThatCode(() -> assertThat(probe).connection(2).wasClosedByClient())
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> assertThat(probe).connection(2).wasClosedByServer())
          .hasMessage(
              expected(
                  """
                  Expecting connection #2
                    <127.0.0.1:50002 -> 127.0.0.1:41000>
                  to have been closed by the server (FIN) but it ended with:
                    <CLIENT_FIN>
                  """,
                  probe));
      assertThatThrownBy(() -> assertThat(probe).connection(1).wasClosedByClient())
          .hasMessageContaining(
              "to have been closed by the client (FIN) but it ended with:"
                  + Messages.NL
                  + "  <SERVER_RESET>");
      RecordingProbe serverFin =
          new FakeProbe().ended(0, 0, 5, 1, ConnectionEnd.SERVER_FIN).probe();
      assertThatCode(() -> assertThat(serverFin).connection(1).wasClosedByServer())
          .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ConnectionEnd.class, names = "OPEN", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("endedWith passes for exactly the end recorded")
    void endedWith(ConnectionEnd end) {
      RecordingProbe ended = new FakeProbe().ended(0, 0, 0, 1, end).probe();

      assertThatCode(() -> assertThat(ended).connection(1).endedWith(end))
          .doesNotThrowAnyException();
      ConnectionEnd other =
          end == ConnectionEnd.TIMEOUT ? ConnectionEnd.CLIENT_FIN : ConnectionEnd.TIMEOUT;
      assertThatThrownBy(() -> assertThat(ended).connection(1).endedWith(other))
          .hasMessageContaining(
              "to have ended with " + other + " but it ended with:" + Messages.NL + "  <" + end);
    }

    @Test
    @DisplayName("endedWith shows the detail of the end")
    void endedWithDetail() {
      RecordingProbe fault =
          new FakeProbe().ended(0, 5, 0, 1, ConnectionEnd.PROXY_FAULT, "limit_data 5").probe();

      assertThatThrownBy(() -> assertThat(fault).connection(1).endedWith(ConnectionEnd.TIMEOUT))
          .hasMessage(
              expected(
                  """
                  Expecting connection #1
                    <127.0.0.1:50001 -> 127.0.0.1:41000>
                  to have ended with TIMEOUT but it ended with:
                    <PROXY_FAULT (limit_data 5)>
                  """,
                  fault));
    }

    @Test
    @DisplayName("endedWith(OPEN) means isOpen")
    void endedWithOpen() {
      assertThatThrownBy(() -> assertThat(probe).connection(2).endedWith(ConnectionEnd.OPEN))
          .hasMessageContaining("to be open but it ended with:");
    }

    @Test
    @DisplayName("isOpen passes while open and fails once ended, with how and after how long")
    void isOpen() {
      FakeProbe fake = new FakeProbe();
      fake.open(1, 0, 0);
      assertThatCode(() -> assertThat(fake.probe()).connection(1).isOpen())
          .doesNotThrowAnyException();

      assertThatThrownBy(() -> assertThat(probe).connection(2).isOpen())
          .hasMessage(
              expected(
                  """
                  Expecting connection #2
                    <127.0.0.1:50002 -> 127.0.0.1:41000>
                  to be open but it ended with:
                    <CLIENT_FIN>
                  after:
                    <17 ms>
                  """,
                  probe));
    }

    @Test
    @DisplayName("isClosed passes once ended and fails while open")
    void isClosed() {
      assertThatCode(() -> assertThat(probe).connection(2).isClosed()).doesNotThrowAnyException();
      FakeProbe fake = new FakeProbe();
      fake.open(1, 0, 0);

      assertThatThrownBy(() -> assertThat(fake.probe()).connection(1).isClosed())
          .hasMessage(
              expected(
                  """
                  Expecting connection #1
                    <127.0.0.1:50001 -> 127.0.0.1:41000>
                  to have ended but it is still open
                  """,
                  fake.probe()));
    }
  }

  @Nested
  @DisplayName("instants and durations")
  class Durations {

    @Test
    @DisplayName("lastedAtMost passes up to the bound and fails beyond")
    void lastedAtMost() {
      assertThatCode(() -> assertThat(probe).connection(2).lastedAtMost(Duration.ofMillis(17)))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> assertThat(probe).connection(2).lastedAtMost(Duration.ofMillis(5)))
          .hasMessage(
              expected(
                  """
                  Expecting connection #2
                    <127.0.0.1:50002 -> 127.0.0.1:41000>
                  to have lasted at most:
                    <5 ms>
                  but it lasted:
                    <17 ms>
                  """,
                  probe));
    }

    @Test
    @DisplayName("lastedAtLeast passes from the bound and fails below")
    void lastedAtLeast() {
      assertThatCode(() -> assertThat(probe).connection(1).lastedAtLeast(Duration.ofMillis(12)))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> assertThat(probe).connection(1).lastedAtLeast(Duration.ofMillis(13)))
          .hasMessage(
              expected(
                  """
                  Expecting connection #1
                    <127.0.0.1:50001 -> 127.0.0.1:41000>
                  to have lasted at least:
                    <13 ms>
                  but it lasted:
                    <12 ms>
                  """,
                  probe));
    }

    @Test
    @DisplayName("a duration bound fails for an open connection: it has not lasted yet")
    void durationOfOpen() {
      FakeProbe fake = new FakeProbe();
      fake.open(1, 0, 0);

      assertThatThrownBy(
              () -> assertThat(fake.probe()).connection(1).lastedAtMost(Duration.ofSeconds(1)))
          .hasMessage(
              expected(
                  """
                  Expecting connection #1
                    <127.0.0.1:50001 -> 127.0.0.1:41000>
                  to have lasted at most:
                    <1000 ms>
                  but it is still open
                  """,
                  fake.probe()));
      assertThatThrownBy(
              () -> assertThat(fake.probe()).connection(1).lastedAtLeast(Duration.ofMillis(1)))
          .hasMessageContaining("to have lasted at least:");
    }

    @Test
    @DisplayName("openedWithin measures from the probe's start")
    void openedWithin() {
      assertThatCode(() -> assertThat(probe).connection(2).openedWithin(Duration.ofMillis(113)))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> assertThat(probe).connection(2).openedWithin(Duration.ofMillis(100)))
          .hasMessage(
              expected(
                  """
                  Expecting connection #2
                    <127.0.0.1:50002 -> 127.0.0.1:41000>
                  to have opened within:
                    <100 ms>
                  of the probe's start but it opened at:
                    <113 ms>
                  """,
                  probe));
    }

    @Test
    @DisplayName("negative bounds are argument errors")
    void negativeBounds() {
      ConnectionAssert connection = assertThat(probe).connection(1);

      assertThatIllegalArgumentException()
          .isThrownBy(() -> connection.lastedAtMost(Duration.ofMillis(-1)))
          .withMessage("max: PT-0.001S (expected: >= 0)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> connection.lastedAtLeast(Duration.ofMillis(-1)))
          .withMessage("min: PT-0.001S (expected: >= 0)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> connection.openedWithin(Duration.ofMillis(-1)))
          .withMessage("within: PT-0.001S (expected: >= 0)");
    }
  }

  @Nested
  @DisplayName("bytes")
  class Bytes {

    @Test
    @DisplayName("receivedBytes counts bytes from the client")
    void receivedBytes() {
      assertThatCode(() -> assertThat(probe).connection(1).receivedBytes(78))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> assertThat(probe).connection(2).receivedBytes(1))
          .hasMessage(
              expected(
                  """
                  Expecting connection #2
                    <127.0.0.1:50002 -> 127.0.0.1:41000>
                  to have received from the client:
                    <1 byte>
                  but it received:
                    <78 bytes>
                  """,
                  probe));
    }

    @Test
    @DisplayName("sentBytes counts bytes to the client")
    void sentBytes() {
      assertThatCode(() -> assertThat(probe).connection(2).sentBytes(19))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> assertThat(probe).connection(1).sentBytes(19))
          .hasMessage(
              expected(
                  """
                  Expecting connection #1
                    <127.0.0.1:50001 -> 127.0.0.1:41000>
                  to have sent to the client:
                    <19 bytes>
                  but it sent:
                    <0 bytes>
                  """,
                  probe));
    }

    @Test
    @DisplayName("receivedNothing passes for a silent client and fails otherwise")
    void receivedNothing() {
      RecordingProbe silent = new FakeProbe().ended(0, 0, 0, 1, ConnectionEnd.CLIENT_FIN).probe();
      assertThatCode(() -> assertThat(silent).connection(1).receivedNothing())
          .doesNotThrowAnyException();

      assertThatThrownBy(() -> assertThat(probe).connection(1).receivedNothing())
          .hasMessageContaining("to have received from the client:" + Messages.NL + "  <0 bytes>");
    }

    @Test
    @DisplayName("a negative byte count is an argument error")
    void negative() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> assertThat(probe).connection(1).sentBytes(-1))
          .withMessage("expected: -1 (expected: >= 0)");
    }
  }

  @Nested
  @DisplayName("on a record alone")
  class Standalone {

    @Test
    @DisplayName("failures show the record alone as the timeline")
    void ownTimeline() {
      ConnectionRecord second = probe.connection(2);

      assertThatThrownBy(() -> assertThat(second).wasReset())
          .hasMessage(
              expected(
                  """
                  Expecting connection #2
                    <127.0.0.1:50002 -> 127.0.0.1:41000>
                  to have been reset but it ended with:
                    <CLIENT_FIN>
                  """,
                  Timeline.render(List.of(second))));
    }

    @Test
    @DisplayName("assertions chain")
    void chains() {
      assertThatCode(
              () ->
                  assertThat(probe.connection(2))
                      .wasClosedByClient()
                      .isClosed()
                      .receivedBytes(78)
                      .sentBytes(19)
                      .lastedAtLeast(Duration.ofMillis(17))
                      .lastedAtMost(Duration.ofMillis(17))
                      .openedWithin(Duration.ofMillis(113)))
          .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a null record fails as AssertJ does")
    void nullRecord() {
      assertThatThrownBy(() -> assertThat((ConnectionRecord) null).wasReset())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("Expecting actual not to be null");
    }

    @Test
    @DisplayName("a description prefixes the message")
    void description() {
      assertThatThrownBy(() -> assertThat(probe.connection(2)).as("checkout").wasReset())
          .hasMessageStartingWith("[checkout] " + Messages.NL + "Expecting connection #2");
    }
  }
}
