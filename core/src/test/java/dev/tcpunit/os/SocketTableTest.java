package dev.tcpunit.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("SocketTable")
class SocketTableTest {

  static TcpSocket socket(int localPort, int remotePort, TcpState state, long pid, boolean own) {
    InetSocketAddress remote =
        new InetSocketAddress(remotePort == 0 ? "0.0.0.0" : "127.0.0.1", remotePort);
    return new TcpSocket(
        new InetSocketAddress("127.0.0.1", localPort),
        remote,
        state,
        pid < 0 ? OptionalLong.empty() : OptionalLong.of(pid),
        own,
        OptionalLong.of(pid == 0 ? 0 : 1000 + localPort));
  }

  static final SocketTable TABLE =
      SocketTable.of(
          List.of(
              socket(41000, 0, TcpState.LISTEN, 42, true),
              socket(41000, 50312, TcpState.ESTABLISHED, 42, true),
              socket(50312, 41000, TcpState.ESTABLISHED, 42, true),
              socket(41000, 50316, TcpState.CLOSE_WAIT, 42, true),
              socket(50316, 41000, TcpState.FIN_WAIT_2, 0, false),
              socket(50314, 41000, TcpState.TIME_WAIT, 0, false),
              socket(5432, 0, TcpState.LISTEN, 7, false),
              socket(50400, 5432, TcpState.ESTABLISHED, 42, true),
              socket(5432, 50400, TcpState.ESTABLISHED, 7, false)));

  @Nested
  @DisplayName("filters")
  class Filters {

    @Test
    @DisplayName("by local port: the server's listening and accepted sockets")
    void localPort() {
      assertThat(TABLE.localPort(41000).sockets())
          .extracting(TcpSocket::state)
          .containsExactly(TcpState.LISTEN, TcpState.ESTABLISHED, TcpState.CLOSE_WAIT);
    }

    @Test
    @DisplayName("by remote port: the clients connected to it")
    void remotePort() {
      assertThat(TABLE.remotePort(41000).sockets())
          .extracting(TcpSocket::localPort)
          .containsExactly(50312, 50316, 50314);
    }

    @Test
    @DisplayName("by port on either side")
    void port() {
      assertThat(TABLE.port(41000).count()).isEqualTo(6);
    }

    @Test
    @DisplayName("by states")
    void inState() {
      assertThat(TABLE.inState(TcpState.TIME_WAIT, TcpState.CLOSE_WAIT).count()).isEqualTo(2);
    }

    @Test
    @DisplayName("by process")
    void byProcess() {
      assertThat(TABLE.ofThisProcess().count()).isEqualTo(5);
      assertThat(TABLE.ofProcess(7).sockets()).extracting(TcpSocket::localPort).containsOnly(5432);
    }

    @Test
    @DisplayName("by any condition, combined")
    void combined() {
      SocketTable pool = TABLE.ofThisProcess().remotePort(5432).inState(TcpState.ESTABLISHED);

      assertThat(pool.count()).isEqualTo(1);
      assertThat(pool.filter(s -> s.localPort() > 60000).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("without changing the table filtered")
    void immutable() {
      TABLE.localPort(41000);

      assertThat(TABLE.count()).isEqualTo(9);
      assertThatThrownBy(() -> TABLE.sockets().clear())
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  @DisplayName("counts by state, in state order")
  void countByState() {
    assertThat(TABLE.port(41000).countByState())
        .containsExactly(
            entry(TcpState.ESTABLISHED, 2),
            entry(TcpState.FIN_WAIT_2, 1),
            entry(TcpState.TIME_WAIT, 1),
            entry(TcpState.CLOSE_WAIT, 1),
            entry(TcpState.LISTEN, 1));
  }

  @Test
  @DisplayName("of given sockets stays as it is on refresh")
  void fixedTable() {
    assertThat(TABLE.refresh()).isSameAs(TABLE);
    assertThat(TABLE.skippedLines()).isZero();
    assertThat(TABLE.ownersKnown()).isTrue();
    assertThat(TABLE.source()).isEqualTo("given sockets");
  }

  @Test
  @DisplayName("renders as a table with the owner of each socket")
  void renders() {
    assertThat(TABLE.localPort(41000).inState(TcpState.CLOSE_WAIT).toString())
        .isEqualTo(
            String.format(
                "TCP sockets (1 from given sockets):%n"
                    + "  local                     remote                    state         owner%n"
                    + "  127.0.0.1:41000           127.0.0.1:50316           CLOSE_WAIT    pid 42"
                    + " (this process)%n"));
    assertThat(TABLE.remotePort(41000).inState(TcpState.TIME_WAIT).sockets().get(0).describe())
        .isEqualTo("127.0.0.1:50314 -> 127.0.0.1:41000 TIME_WAIT pid 0 (orphaned)");
  }

  @Nested
  @DisplayName("rejects")
  class Rejects {

    @Test
    @DisplayName("ports out of range, in one message form")
    void invalidPorts() {
      assertThatThrownBy(() -> TABLE.localPort(70000))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("port: 70000 (expected: 0-65535)");
      assertThatThrownBy(() -> TABLE.remotePort(-1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("port: -1 (expected: 0-65535)");
      assertThatThrownBy(() -> TABLE.port(65536))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("port: 65536 (expected: 0-65535)");
    }

    @Test
    @DisplayName("an empty list of states")
    void noStates() {
      assertThatThrownBy(() -> TABLE.inState())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("states: [] (expected: at least one state)");
    }
  }
}
