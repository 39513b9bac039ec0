package dev.tcpunit.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

@DisplayName("Timeouts.parse")
class TimeoutsTests {

  @Test
  void numbersWithUnits() {
    assertThat(Timeouts.parse("500 ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Timeouts.parse("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Timeouts.parse(" 3 m ")).isEqualTo(Duration.ofMinutes(3));
    assertThat(Timeouts.parse("1 h")).isEqualTo(Duration.ofHours(1));
    assertThat(Timeouts.parse("1 d")).isEqualTo(Duration.ofDays(1));
    assertThat(Timeouts.parse("250 us")).isEqualTo(Duration.ofNanos(250_000));
    assertThat(Timeouts.parse("250 \u03bcs")).isEqualTo(Duration.ofNanos(250_000));
    assertThat(Timeouts.parse("7 ns")).isEqualTo(Duration.ofNanos(7));
  }

  @Test
  void secondsWithoutUnit() {
    assertThat(Timeouts.parse("5")).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void isoDurations() {
    assertThat(Timeouts.parse("PT0.25S")).isEqualTo(Duration.ofMillis(250));
    assertThat(Timeouts.parse("pt2s")).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void rejectsNegativeZeroAndGarbage() {
    for (String bad : new String[] {"-1 s", "0", "PT0S", "PT-1S", "soon", "", "5 weeks", "P"}) {
      assertThatThrownBy(() -> Timeouts.parse(bad))
          .as(bad)
          .isExactlyInstanceOf(ExtensionConfigurationException.class)
          .hasMessage(
              "Configuration parameter [tcpunit.timeout.default] requires a positive duration"
                  + " such as \"2 s\", \"500 ms\" or \"PT2S\" but it is \""
                  + bad
                  + "\". Fix its value in junit-platform.properties or wherever it is set.");
    }
  }
}
