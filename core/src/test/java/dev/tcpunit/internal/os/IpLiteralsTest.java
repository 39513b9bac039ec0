package dev.tcpunit.internal.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("IpLiterals")
class IpLiteralsTest {

  @Nested
  @DisplayName("parse")
  class Parse {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "",
          "1.2.3",
          "1.2.3.4.5",
          "256.0.0.1",
          "1..2.3",
          "localhost",
          "::g",
          ".::",
          "1:2"
        })
    @DisplayName("rejects what is not a numeric address, without asking a name service")
    void rejects(String text) {
      assertThat(IpLiterals.parse(text)).isEmpty();
    }

    @Test
    @DisplayName("turns an IPv4-mapped IPv6 address into IPv4")
    void mapped() {
      assertThat(IpLiterals.parse("::ffff:10.0.0.1").orElseThrow().getHostAddress())
          .isEqualTo("10.0.0.1");
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "127.0.0.1, 127.0.0.1:80",
    "::1, [::1]:80",
    "::, [::]:80",
    "2001:db8:0:0:0:0:0:5, [2001:db8::5]:80",
    "2001:0:0:1:0:0:0:1, [2001:0:0:1::1]:80",
    "2001:db8:0:1:1:1:1:1, [2001:db8:0:1:1:1:1:1]:80",
    "1:0:0:0:0:0:0:0, [1::]:80",
    "fe80:0:0:0:1:0:0:1, [fe80::1:0:0:1]:80"
  })
  @DisplayName("formats addresses, IPv6 in its shortest form")
  void format(String host, String expected) {
    InetSocketAddress address = new InetSocketAddress(IpLiterals.parse(host).orElseThrow(), 80);

    assertThat(IpLiterals.format(address)).isEqualTo(expected);
  }
}
