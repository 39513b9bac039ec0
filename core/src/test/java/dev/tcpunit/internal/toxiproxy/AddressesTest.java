package dev.tcpunit.internal.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Addresses: Toxiproxy's host:port, Go's messages, loopback only unless allowed")
class AddressesTest {

  @Test
  @DisplayName("splits host:port as Go does, IPv6 in brackets")
  void split() {
    assertThat(Addresses.split("127.0.0.1:80"))
        .isEqualTo(new Addresses.HostPort("127.0.0.1", "80"));
    assertThat(Addresses.split("[::1]:0")).isEqualTo(new Addresses.HostPort("::1", "0"));
    assertThat(Addresses.split(":8474")).isEqualTo(new Addresses.HostPort("", "8474"));
    assertThatThrownBy(() -> Addresses.split("::1:80"))
        .hasMessage("address ::1:80: too many colons in address");
    assertThatThrownBy(() -> Addresses.split("[::1]"))
        .hasMessage("address [::1]: missing port in address");
  }

  @Test
  @DisplayName("allowed, a wildcard or LAN listen address is returned unbound; refused otherwise")
  void nonLoopback() {
    assertThat(Addresses.listen("0.0.0.0:0", true).getAddress().isAnyLocalAddress()).isTrue();
    assertThat(Addresses.listen("", true).getAddress().isAnyLocalAddress()).isTrue();
    assertThat(Addresses.listen("", false))
        .isEqualTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    assertThat(Addresses.listen("localhost:0", false).getAddress().isLoopbackAddress()).isTrue();
    assertThatThrownBy(() -> Addresses.listen(":0", false))
        .isInstanceOf(ApiException.class)
        .hasMessage(
            "listen address not allowed: :0 is not a loopback address (this server only lets"
                + " proxies listen on 127.0.0.0/8 and ::1; to allow other addresses, start the"
                + " standalone server with -allow-non-loopback or build an EmbeddedToxiproxy with"
                + " EmbeddedToxiproxy.builder().allowNonLoopbackListen(true))");
  }

  @Test
  @DisplayName("writes addresses as Go does")
  void format() {
    assertThat(Addresses.format(new InetSocketAddress(InetAddress.getLoopbackAddress(), 80)))
        .isEqualTo("127.0.0.1:80");
    assertThat(Addresses.format(new InetSocketAddress("::1", 80))).isEqualTo("[::1]:80");
    assertThat(Addresses.format(new InetSocketAddress("fe80::1:0:0:2", 1)))
        .isEqualTo("[fe80::1:0:0:2]:1");
    assertThat(Addresses.format(new InetSocketAddress("::", 8))).isEqualTo("[::]:8");
  }
}
