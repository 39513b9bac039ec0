package dev.tcpunit.assertj;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.os.SocketTable;
import dev.tcpunit.os.TcpSocket;
import dev.tcpunit.os.TcpState;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("SocketTableAssert on a fixed table")
class SocketTableAssertTest {

  private static final String HEADER =
      "  local                     remote                    state         owner%n";

  private static TcpSocket socket(int localPort, int remotePort, TcpState state, long pid) {
    return new TcpSocket(
        new InetSocketAddress("127.0.0.1", localPort),
        new InetSocketAddress(remotePort == 0 ? "0.0.0.0" : "127.0.0.1", remotePort),
        state,
        OptionalLong.of(pid),
        pid == 42,
        OptionalLong.of(pid == 0 ? 0 : 1000 + localPort));
  }

  private static final SocketTable TABLE =
      SocketTable.of(
          List.of(
              socket(41000, 0, TcpState.LISTEN, 42),
              socket(41000, 50316, TcpState.FIN_WAIT_2, 42),
              socket(50316, 41000, TcpState.CLOSE_WAIT, 42),
              socket(50314, 41000, TcpState.TIME_WAIT, 0),
              socket(50318, 41000, TcpState.CLOSE_WAIT, 7),
              socket(50400, 5432, TcpState.ESTABLISHED, 42),
              socket(50402, 5432, TcpState.ESTABLISHED, 42),
              socket(50404, 5432, TcpState.CLOSE_WAIT, 42)));

  private static SocketTableAssert assertThat(SocketTable table) {
    return new SocketTableAssert(table);
  }

  @Nested
  @DisplayName("hasNoSocketInState")
  class HasNoSocketInState {

    @Test
    @DisplayName("passes when no socket of this process is in the states")
    void passes() {
      assertThat(TABLE).hasNoSocketInState(41000, TcpState.ESTABLISHED, TcpState.SYN_SENT);
      assertThat(TABLE).hasNoSocketInState(5432, TcpState.LISTEN);
    }

    @Test
    @DisplayName("fails listing the sockets in the states, this process's and closed ones")
    void fails() {
      assertThatThrownBy(() -> assertThat(TABLE).hasNoSocketInState(41000, TcpState.CLOSE_WAIT))
          .hasMessage(
              String.format(
                  "%nExpecting sockets of this process on port 41000%n"
                      + "not to be in CLOSE_WAIT%n"
                      + "but found 1:%n"
                      + HEADER
                      + "  127.0.0.1:50316           127.0.0.1:41000           CLOSE_WAIT"
                      + "    pid 42 (this process)%n"));
      assertThatThrownBy(
              () ->
                  assertThat(TABLE)
                      .hasNoSocketInState(41000, TcpState.TIME_WAIT, TcpState.FIN_WAIT_2))
          .hasMessageContaining("not to be in [TIME_WAIT, FIN_WAIT_2]%nbut found 2:".formatted())
          .hasMessageContaining("TIME_WAIT     none (closed)");
    }

    @Test
    @DisplayName("looks at every process after ofAnyProcess()")
    void anyProcess() {
      assertThatThrownBy(
              () -> assertThat(TABLE).ofAnyProcess().hasNoSocketInState(41000, TcpState.CLOSE_WAIT))
          .hasMessageContaining("Expecting sockets of any process on port 41000")
          .hasMessageContaining("but found 2:")
          .hasMessageContaining("pid 7%n".formatted());
    }

    @Test
    @DisplayName("uses the description given with as()")
    void description() {
      assertThatThrownBy(
              () -> assertThat(TABLE).as("pool").hasNoSocketInState(5432, TcpState.CLOSE_WAIT))
          .hasMessageStartingWith("[pool] %nExpecting".formatted());
    }
  }

  @Nested
  @DisplayName("hasSocketInState")
  class HasSocketInState {

    @Test
    @DisplayName("passes when one socket of this process is in one of the states")
    void passes() {
      assertThat(TABLE).hasSocketInState(41000, TcpState.LISTEN, TcpState.SYN_RECEIVED);
    }

    @Test
    @DisplayName("fails listing every socket of this process on the port")
    void fails() {
      assertThatThrownBy(() -> assertThat(TABLE).hasSocketInState(5432, TcpState.LISTEN))
          .hasMessage(
              String.format(
                  "%nExpecting sockets of this process on port 5432%n"
                      + "to include one in LISTEN%n"
                      + "but found none among 3:%n"
                      + HEADER
                      + "  127.0.0.1:50400           127.0.0.1:5432            ESTABLISHED"
                      + "   pid 42 (this process)%n"
                      + "  127.0.0.1:50402           127.0.0.1:5432            ESTABLISHED"
                      + "   pid 42 (this process)%n"
                      + "  127.0.0.1:50404           127.0.0.1:5432            CLOSE_WAIT"
                      + "    pid 42 (this process)%n"));
    }
  }

  @Nested
  @DisplayName("hasEstablishedConnections")
  class HasEstablishedConnections {

    @Test
    @DisplayName("passes with the number of ESTABLISHED client sockets to the port")
    void passes() {
      assertThat(TABLE).hasEstablishedConnections(5432, 2).hasEstablishedConnections(41000, 0);
    }

    @Test
    @DisplayName("fails listing the sockets to the port")
    void fails() {
      assertThatThrownBy(() -> assertThat(TABLE).hasEstablishedConnections(5432, 3))
          .hasMessageStartingWith(
              String.format(
                  "%nExpecting ESTABLISHED connections of this process to port 5432%n"
                      + "to be 3%n"
                      + "but found 2 among these sockets to that port:%n"
                      + HEADER))
          .hasMessageContaining("127.0.0.1:50404");
    }
  }

  @Nested
  @DisplayName("hasListener and hasNoListener")
  class Listeners {

    @Test
    @DisplayName("pass when a listener is there, or not")
    void passes() {
      assertThat(TABLE).hasListener(41000).hasNoListener(5432);
    }

    @Test
    @DisplayName("fail listing the sockets on the port")
    void fails() {
      assertThatThrownBy(() -> assertThat(TABLE).hasListener(5432))
          .hasMessage(
              String.format(
                  "%nExpecting sockets of any process on port 5432%n"
                      + "to include a listener%n"
                      + "but found none among 0:%n"
                      + "  (none)%n"));
      assertThatThrownBy(() -> assertThat(TABLE).hasNoListener(41000))
          .hasMessageContaining("not to include a listener%nbut found:%n".formatted());
    }
  }

  @Nested
  @DisplayName("eventually")
  class Eventually {

    @Test
    @DisplayName("on a fixed table, fails at once saying how long it would have waited")
    void fixedTable() {
      assertThatThrownBy(
              () ->
                  assertThat(TABLE)
                      .eventually(Duration.ofSeconds(30))
                      .hasNoSocketInState(41000, TcpState.CLOSE_WAIT))
          .hasMessageContaining("not to be in CLOSE_WAIT within 30000 ms (1 read)%n".formatted());
    }

    @Test
    @DisplayName("rejects a timeout that is not positive")
    void invalidTimeout() {
      assertThatThrownBy(() -> assertThat(TABLE).eventually(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("timeout: PT0S (expected: > 0)");
      assertThatThrownBy(
              () -> assertThat(TABLE).awaitSocketInState(1, TcpState.LISTEN, Duration.ofMillis(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("timeout: PT-0.001S (expected: > 0)");
    }
  }

  @Test
  @DisplayName("rejects invalid ports, counts and states")
  void invalidArguments() {
    assertThatThrownBy(() -> assertThat(TABLE).hasNoSocketInState(70000, TcpState.LISTEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port: 70000 (expected: 0-65535)");
    assertThatThrownBy(() -> assertThat(TABLE).hasListener(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port: -1 (expected: 0-65535)");
    assertThatThrownBy(() -> assertThat(TABLE).hasEstablishedConnections(5432, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n: -1 (expected: >= 0)");
    assertThatThrownBy(() -> assertThat(TABLE).hasSocketInState(5432))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("states: [] (expected: at least one state)");
  }

  @Test
  @DisplayName("fails on a null table like every AssertJ assertion")
  void nullTable() {
    assertThatThrownBy(() -> new SocketTableAssert(null).hasListener(80))
        .hasMessageContaining("Expecting actual not to be null");
  }
}
