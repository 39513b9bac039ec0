package dev.tcpunit.internal.os;

import static dev.tcpunit.internal.os.Fixtures.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tcpunit.internal.os.NetstatParser.Dialect;
import dev.tcpunit.os.TcpSocket;
import dev.tcpunit.os.TcpState;
import java.util.EnumSet;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("NetstatParser")
class NetstatParserTest {

  private static final long THIS_PID = 7788;

  @Nested
  @DisplayName("on macOS's netstat -an -p tcp")
  class MacOs {

    private final Parsed parsed =
        new NetstatParser(Dialect.BSD, THIS_PID).parse(Fixtures.read("netstat-macos.txt"));

    @Test
    @DisplayName("reads dotted ports, wildcards and IPv6 with zones")
    void readsAddresses() {
      assertThat(parsed.sockets())
          .extracting(TcpSocket::local, TcpSocket::remote, TcpSocket::state)
          .contains(
              tuple(address("127.0.0.1", 8080), address("127.0.0.1", 52344), TcpState.ESTABLISHED),
              tuple(address("127.0.0.1", 8080), address("127.0.0.1", 52338), TcpState.CLOSE_WAIT),
              tuple(address("::1", 5432), address("::", 0), TcpState.LISTEN),
              tuple(address("::", 8080), address("::", 0), TcpState.LISTEN),
              tuple(address("127.0.0.1", 6379), address("0.0.0.0", 0), TcpState.LISTEN),
              tuple(address("0.0.0.0", 22), address("0.0.0.0", 0), TcpState.LISTEN),
              tuple(address("fe80::1", 49152), address("fe80::1", 49153), TcpState.ESTABLISHED),
              tuple(
                  address("2001:db8::5", 49200),
                  address("2606:4700::6810:85e5", 443),
                  TcpState.ESTABLISHED));
    }

    @Test
    @DisplayName("knows all eleven states by their BSD names")
    void readsEveryState() {
      assertThat(EnumSet.copyOf(parsed.sockets().stream().map(TcpSocket::state).toList()))
          .containsExactlyInAnyOrder(TcpState.values());
    }

    @Test
    @DisplayName("has no owners: BSD netstat does not show them")
    void noOwners() {
      assertThat(parsed.sockets())
          .allSatisfy(
              s -> {
                assertThat(s.pid()).isEmpty();
                assertThat(s.inode()).isEmpty();
                assertThat(s.ownedByThisProcess()).isFalse();
              });
    }

    @Test
    @DisplayName("skips and counts a truncated address, a bad port, an unknown state and prose")
    void countsGarbage() {
      assertThat(parsed.sockets()).hasSize(18);
      assertThat(parsed.skippedLines()).isEqualTo(4);
    }
  }

  @Nested
  @DisplayName("on Windows's netstat -ano")
  class Windows {

    private final Parsed parsed =
        new NetstatParser(Dialect.WINDOWS, THIS_PID).parse(Fixtures.read("netstat-windows.txt"));

    @Test
    @DisplayName("reads colon ports, bracketed IPv6, zones and PIDs")
    void readsAddresses() {
      assertThat(parsed.sockets())
          .extracting(TcpSocket::local, TcpSocket::remote, TcpSocket::state, TcpSocket::pid)
          .contains(
              tuple(
                  address("0.0.0.0", 135),
                  address("0.0.0.0", 0),
                  TcpState.LISTEN,
                  OptionalLong.of(1044)),
              tuple(
                  address("127.0.0.1", 50123),
                  address("127.0.0.1", 6379),
                  TcpState.ESTABLISHED,
                  OptionalLong.of(7788)),
              tuple(
                  address("127.0.0.1", 6379),
                  address("127.0.0.1", 50118),
                  TcpState.CLOSE_WAIT,
                  OptionalLong.of(5120)),
              tuple(
                  address("::1", 5432),
                  address("::1", 50300),
                  TcpState.ESTABLISHED,
                  OptionalLong.of(3456)),
              tuple(
                  address("127.0.0.1", 8080),
                  address("127.0.0.1", 50310),
                  TcpState.ESTABLISHED,
                  OptionalLong.of(3456)),
              tuple(
                  address("fe80::1c2d:3e4f:5a6b:7c8d", 139),
                  address("::", 0),
                  TcpState.LISTEN,
                  OptionalLong.of(4)));
    }

    @Test
    @DisplayName("knows all eleven states by their Windows names")
    void readsEveryState() {
      assertThat(EnumSet.copyOf(parsed.sockets().stream().map(TcpSocket::state).toList()))
          .containsExactlyInAnyOrder(TcpState.values());
    }

    @Test
    @DisplayName("marks the sockets of this process, and TIME_WAIT (PID 0) as orphaned")
    void owners() {
      assertThat(parsed.sockets().stream().filter(TcpSocket::ownedByThisProcess))
          .extracting(TcpSocket::localPort)
          .containsExactly(50123, 50118, 50200, 50190, 50180, 50170, 50140);
      assertThat(parsed.sockets().stream().filter(TcpSocket::isOrphaned))
          .singleElement()
          .extracting(TcpSocket::state)
          .isEqualTo(TcpState.TIME_WAIT);
    }

    @Test
    @DisplayName("ignores UDP and headers; skips and counts a localized state and a cut line")
    void countsGarbage() {
      assertThat(parsed.sockets()).hasSize(19);
      assertThat(parsed.skippedLines()).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("never throws, whatever the input")
  void neverThrows() {
    String[] junk = {
      "tcp",
      "tcp4 0 0 a.b c.d LISTEN",
      "tcp4 0 0 .80 *.* LISTEN",
      "tcp4 x y *.80 *.* LISTEN",
      "TCP [::1 [::]:0 LISTENING 1",
      "TCP 1.2.3:80 0.0.0.0:0 LISTENING 1",
      "TCP 1.2.3.4:80 0.0.0.0:0 LISTENING 99999999999999999999",
      "tcp6 0 0 .::.80 *.* LISTEN",
      "TCP localhost:80 0.0.0.0:0 LISTENING 1"
    };
    for (Dialect dialect : Dialect.values()) {
      NetstatParser parser = new NetstatParser(dialect, THIS_PID);
      for (String line : junk) {
        assertThat(parser.parse(line).skippedLines()).as(dialect + ": " + line).isEqualTo(1);
      }
    }
  }
}
