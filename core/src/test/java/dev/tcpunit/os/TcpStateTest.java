package dev.tcpunit.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("TcpState")
class TcpStateTest {

  @Test
  @DisplayName("has the eleven states of RFC 9293 with Linux's codes 1 to 11")
  void linuxCodes() {
    assertThat(TcpState.values()).hasSize(11);
    assertThat(Arrays.stream(TcpState.values()).mapToInt(TcpState::linuxCode))
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    for (TcpState state : TcpState.values()) {
      assertThat(TcpState.fromLinuxCode(state.linuxCode())).contains(state);
    }
  }

  @Test
  @DisplayName("maps Linux's NEW_SYN_RECV (12) to SYN_RECEIVED and knows no other code")
  void newSynRecv() {
    assertThat(TcpState.fromLinuxCode(0x0C)).contains(TcpState.SYN_RECEIVED);
    assertThat(TcpState.fromLinuxCode(0)).isEmpty();
    assertThat(TcpState.fromLinuxCode(0x0D)).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "ESTABLISHED, ESTABLISHED",
    "SYN_RCVD, SYN_RECEIVED",
    "SYN_RECEIVED, SYN_RECEIVED",
    "SYN_RECV, SYN_RECEIVED",
    "FIN_WAIT1, FIN_WAIT_1",
    "FIN_WAIT_2, FIN_WAIT_2",
    "LISTENING, LISTEN",
    "listen, LISTEN",
    "CLOSE, CLOSED",
    "DELETE_TCB, CLOSED",
    "CLOSE_WAIT, CLOSE_WAIT",
    "LAST_ACK, LAST_ACK",
    "CLOSING, CLOSING",
    "TIME_WAIT, TIME_WAIT",
    "SYN_SENT, SYN_SENT"
  })
  @DisplayName("knows the netstat names of Linux, macOS and Windows")
  void netstatNames(String name, TcpState state) {
    assertThat(TcpState.fromNetstatName(name)).contains(state);
  }

  @Test
  @DisplayName("knows no other name")
  void unknownName() {
    assertThat(TcpState.fromNetstatName("HERGESTELLT")).isEmpty();
    assertThat(TcpState.fromNetstatName("")).isEmpty();
  }
}
