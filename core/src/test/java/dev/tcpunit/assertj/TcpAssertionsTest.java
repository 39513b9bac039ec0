package dev.tcpunit.assertj;

import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.internal.probe.RecordingProbe;
import dev.tcpunit.probe.Retries;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TcpAssertions")
class TcpAssertionsTest {

  private final RecordingProbe probe = FakeProbe.resetThenAnswered().probe();

  @Test
  @DisplayName("imported next to AssertJ's assertThat, picks tcpunit's overloads")
  void overloads() {
    ProbeAssert probeAssert = assertThat(probe);
    ConnectionAssert connectionAssert = assertThat(probe.connection(1));
    RetryAssert retryAssert = assertThat(Retries.of(probe));

    assertThat(probeAssert).isExactlyInstanceOf(ProbeAssert.class);
    assertThat(connectionAssert).isExactlyInstanceOf(ConnectionAssert.class);
    assertThat(retryAssert).isExactlyInstanceOf(RetryAssert.class);
  }
}
