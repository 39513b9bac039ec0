package dev.tcpunit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ConnectionScript rejects scripts the server could not run")
class ConnectionScriptValidationTest {

  @Test
  @DisplayName("repeat() on a script that never waits would spin")
  void repeatWithoutWaiting() {
    assertThatThrownBy(() -> ConnectionScript.create().stopListening().write("").repeat())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "repeat() on ConnectionScript[stopListening(), write()] would spin: it never waits."
                + " Add a read, a delay or a non-empty write.");
    assertThat(ConnectionScript.create().write("x").repeat().steps()).hasSize(2);
    assertThat(ConnectionScript.create().delay(Duration.ofMillis(1)).repeat().steps()).hasSize(2);
  }

  @Test
  @DisplayName("a write after halfClose() could not be sent")
  void writeAfterHalfClose() {
    ConnectionScript halfClosed = ConnectionScript.create().halfClose();
    assertThatThrownBy(() -> halfClosed.write("late"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "write() after halfClose() could not be sent: the output is shut down. Put it before"
                + " halfClose().");
    assertThatThrownBy(() -> halfClosed.respond(HttpResponse.of(200)))
        .hasMessageStartingWith("respond() after halfClose()");
    assertThatThrownBy(halfClosed::echo).hasMessageStartingWith("echo() after halfClose()");
    assertThat(halfClosed.readLine().close().steps()).hasSize(3);
  }

  @Test
  @DisplayName("repeat() of a script that writes and half-closes would write after halfClose()")
  void repeatHalfClose() {
    assertThatThrownBy(() -> ConnectionScript.create().write("x").halfClose().readLine().repeat())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "repeat() on ConnectionScript[write(), halfClose(), readLine()] would write after"
                + " halfClose() in its second round. Do not repeat it.");
    assertThat(ConnectionScript.create().halfClose().readLine().repeat().steps()).hasSize(3);
  }
}
