package dev.tcpunit.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CpuPressure reads the runnable threads off /proc/loadavg")
class CpuPressureTest {

  @Test
  @DisplayName("takes the number before the slash of the fourth field")
  void runnableThreads() {
    assertThat(CpuPressure.runnableOf("0.50 0.22 0.08 3/132 14267\n")).isEqualTo(3);
    assertThat(CpuPressure.runnableOf("12.01  9.40 5.33 17/2048 99")).isEqualTo(17);
  }

  @Test
  @DisplayName("answers -1 for content of another form")
  void otherForms() {
    assertThat(CpuPressure.runnableOf("")).isEqualTo(-1);
    assertThat(CpuPressure.runnableOf("0.50 0.22 0.08")).isEqualTo(-1);
    assertThat(CpuPressure.runnableOf("0.50 0.22 0.08 /132 1")).isEqualTo(-1);
    assertThat(CpuPressure.runnableOf("0.50 0.22 0.08 x/132 1")).isEqualTo(-1);
  }
}
