package dev.tcpunit.internal.os;

import static dev.tcpunit.internal.os.Fixtures.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tcpunit.os.TcpSocket;
import dev.tcpunit.os.TcpState;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.ByteOrder;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ProcNetTcpParser")
class ProcNetTcpParserTest {

  private final ProcNetTcpParser parser = new ProcNetTcpParser(ByteOrder.LITTLE_ENDIAN);

  @Nested
  @DisplayName("on a recorded /proc/net/tcp")
  class Ipv4 {

    private final Parsed parsed = parser.parse(Fixtures.read("proc-net-tcp.txt"));

    @Test
    @DisplayName("reads addresses, ports, states and inodes of every socket line")
    void readsEverySocket() {
      assertThat(parsed.sockets())
          .extracting(TcpSocket::local, TcpSocket::remote, TcpSocket::state, TcpSocket::inode)
          .containsExactly(
              tuple(
                  address("127.0.0.1", 41000),
                  address("0.0.0.0", 0),
                  TcpState.LISTEN,
                  OptionalLong.of(52341)),
              tuple(
                  address("127.0.0.1", 41000),
                  address("127.0.0.1", 50312),
                  TcpState.ESTABLISHED,
                  OptionalLong.of(52377)),
              tuple(
                  address("127.0.0.1", 50312),
                  address("127.0.0.1", 41000),
                  TcpState.ESTABLISHED,
                  OptionalLong.of(52376)),
              tuple(
                  address("127.0.0.1", 50314),
                  address("127.0.0.1", 41000),
                  TcpState.TIME_WAIT,
                  OptionalLong.of(0)),
              tuple(
                  address("127.0.0.1", 41000),
                  address("127.0.0.1", 50316),
                  TcpState.CLOSE_WAIT,
                  OptionalLong.of(52390)),
              tuple(
                  address("127.0.0.1", 50316),
                  address("127.0.0.1", 41000),
                  TcpState.FIN_WAIT_2,
                  OptionalLong.of(0)),
              tuple(
                  address("10.0.2.15", 53956),
                  address("140.82.121.4", 443),
                  TcpState.ESTABLISHED,
                  OptionalLong.of(61234)),
              tuple(
                  address("10.0.2.15", 53960),
                  address("140.82.121.4", 443),
                  TcpState.SYN_SENT,
                  OptionalLong.of(61240)),
              tuple(
                  address("127.0.0.1", 41002),
                  address("127.0.0.1", 50400),
                  TcpState.SYN_RECEIVED,
                  OptionalLong.of(0)),
              tuple(
                  address("127.0.0.1", 50410),
                  address("127.0.0.1", 41004),
                  TcpState.FIN_WAIT_1,
                  OptionalLong.of(0)),
              tuple(
                  address("127.0.0.1", 41004),
                  address("127.0.0.1", 50412),
                  TcpState.LAST_ACK,
                  OptionalLong.of(0)),
              tuple(
                  address("127.0.0.1", 50414),
                  address("127.0.0.1", 41006),
                  TcpState.CLOSING,
                  OptionalLong.of(0)),
              tuple(
                  address("127.0.0.1", 50416),
                  address("127.0.0.1", 41006),
                  TcpState.CLOSED,
                  OptionalLong.of(0)),
              tuple(
                  address("127.0.0.1", 41008),
                  address("127.0.0.1", 50418),
                  TcpState.SYN_RECEIVED,
                  OptionalLong.of(0)));
    }

    @Test
    @DisplayName("leaves owners to the reader: no pid, not this process's")
    void knowsNoOwners() {
      assertThat(parsed.sockets())
          .allSatisfy(
              s -> {
                assertThat(s.pid()).isEmpty();
                assertThat(s.ownedByThisProcess()).isFalse();
              });
    }

    @Test
    @DisplayName("skips and counts an unknown state, a cut line, a bad hex digit and prose")
    void countsGarbage() {
      assertThat(parsed.skippedLines()).isEqualTo(4);
    }
  }

  @Nested
  @DisplayName("on a recorded /proc/net/tcp6")
  class Ipv6 {

    private final Parsed parsed = parser.parse(Fixtures.read("proc-net-tcp6.txt"));

    @Test
    @DisplayName("reads IPv6 addresses word by word")
    void readsIpv6() {
      assertThat(parsed.sockets())
          .extracting(TcpSocket::local, TcpSocket::remote, TcpSocket::state)
          .contains(
              tuple(address("::1", 5432), address("::", 0), TcpState.LISTEN),
              tuple(address("::", 8080), address("::", 0), TcpState.LISTEN),
              tuple(
                  address("2001:db8::5", 49200),
                  address("2606:4700::6810:85e5", 443),
                  TcpState.ESTABLISHED),
              tuple(address("::1", 5432), address("::1", 50600), TcpState.TIME_WAIT));
      assertThat(parsed.sockets().get(0).local().getAddress()).isInstanceOf(Inet6Address.class);
    }

    @Test
    @DisplayName("reports IPv4-mapped addresses as IPv4, so that a filter on 127.0.0.1 matches")
    void mapsIpv4MappedToIpv4() {
      TcpSocket mapped = parsed.sockets().get(2);

      assertThat(mapped.local()).isEqualTo(address("127.0.0.1", 8080));
      assertThat(mapped.remote()).isEqualTo(address("127.0.0.1", 50500));
      assertThat(mapped.local().getAddress()).isInstanceOf(Inet4Address.class);
      assertThat(parsed.sockets().get(3).state()).isEqualTo(TcpState.CLOSE_WAIT);
    }

    @Test
    @DisplayName("skips and counts a line with a cut address")
    void countsGarbage() {
      assertThat(parsed.sockets()).hasSize(6);
      assertThat(parsed.skippedLines()).isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("in general")
  class General {

    @Test
    @DisplayName("reads the words in the writing machine's byte order")
    void bigEndian() {
      String line =
          "   0: 7F000001:1F90 0A00020F:01BB 01 00000000:00000000 00:00000000 00000000"
              + "  1000        0 4711 1 0000000000000000 20 4 30 10 -1";

      Parsed parsed = new ProcNetTcpParser(ByteOrder.BIG_ENDIAN).parse(line);

      assertThat(parsed.sockets())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.local()).isEqualTo(address("127.0.0.1", 8080));
                assertThat(s.remote()).isEqualTo(address("10.0.2.15", 443));
              });
    }

    @Test
    @DisplayName("takes an empty file, blank lines and a lone header without complaint")
    void emptyInput() {
      assertThat(parser.parse("")).isEqualTo(new Parsed(List.of(), 0));
      assertThat(parser.parse("  sl  local_address rem_address   st\n\n  \n").skippedLines())
          .isZero();
    }

    @Test
    @DisplayName("never throws, whatever the input")
    void neverThrows() {
      String[] junk = {
        "0:",
        ":",
        "   0: :",
        "   0: 0100007F:1F90 0100007F:1F90 01 x x x 1 2 99999999999999999999 1",
        "\u0000\u00ff",
        "   0: 0100007F:1F90 0100007F:1F90 01"
      };
      for (String line : junk) {
        assertThat(parser.parse(line).skippedLines()).as(line).isEqualTo(1);
      }
    }
  }

  @Test
  @DisplayName("keeps a socket the kernel listed twice once; SO_REUSEPORT listeners stay apart")
  void repeatedLinesAreOneSocket() {
    String header =
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout"
            + " inode\n";
    String listener =
        "   0: 0100007F:A028 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000 0 %d 1"
            + " 0000000000000000 100 0 0 10 0\n";
    String established =
        "   1: 0100007F:A028 0100007F:C488 01 00000000:00000000 00:00000000 00000000  1000 0 52377 1"
            + " 0000000000000000 20 4 30 10 -1\n";
    String timeWait =
        "   3: 0100007F:C48A 0100007F:A028 06 00000000:00000000 03:00001770 00000000     0 0 0 3"
            + " 0000000000000000\n";

    Parsed parsed =
        parser.parse(
            header
                + String.format(listener, 52341)
                + String.format(listener, 52342)
                + established
                + timeWait
                + established
                + timeWait
                + String.format(listener, 52341));

    assertThat(parsed.skippedLines()).isZero();
    assertThat(parsed.sockets())
        .extracting(TcpSocket::state, TcpSocket::inode)
        .containsExactly(
            tuple(TcpState.LISTEN, OptionalLong.of(52341)),
            tuple(TcpState.LISTEN, OptionalLong.of(52342)),
            tuple(TcpState.ESTABLISHED, OptionalLong.of(52377)),
            tuple(TcpState.TIME_WAIT, OptionalLong.of(0)));
  }
}
