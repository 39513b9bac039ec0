package dev.tcpunit.internal.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.parallel.Isolated;

@DisplayName("CommandRunner.processes()")
@EnabledOnOs(
    value = {OS.LINUX, OS.MAC},
    disabledReason = "runs sh")
@Timeout(30)
@Isolated(
    "a process being started holds copies of this JVM's sockets until it execs: a listener"
        + " another test closes meanwhile still takes connections, a closed connection sends its"
        + " FIN late")
class CommandRunnerTest {

  private final CommandRunner runner = CommandRunner.processes();

  @Test
  @DisplayName("returns what the command printed")
  void output() throws IOException {
    assertThat(runner.run(List.of("sh", "-c", "echo one; echo two"), Duration.ofSeconds(20)))
        .isEqualTo("one\ntwo\n");
  }

  @Test
  @DisplayName("fails with the exit status when the command fails")
  void exitStatus() {
    assertThatThrownBy(() -> runner.run(List.of("sh", "-c", "exit 3"), Duration.ofSeconds(20)))
        .isInstanceOf(IOException.class)
        .hasMessage("sh -c exit 3: exited with status 3");
  }

  @Test
  @DisplayName("stops a command that outlives its timeout")
  void timeout() {
    assertThatThrownBy(() -> runner.run(List.of("sleep", "20"), Duration.ofMillis(200)))
        .isInstanceOf(IOException.class)
        .hasMessage("sleep 20: still running after 200 ms");
  }

  @Test
  @DisplayName("fails when the program does not exist")
  void missingProgram() {
    assertThatThrownBy(() -> runner.run(List.of("tcpunit-no-such-program"), Duration.ofSeconds(20)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("tcpunit-no-such-program");
  }
}
