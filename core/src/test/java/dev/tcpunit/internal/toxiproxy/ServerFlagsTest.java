package dev.tcpunit.internal.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ServerFlags: toxiproxy-server's flags, parsed as Go's flag package does")
class ServerFlagsTest {

  @Test
  @DisplayName("defaults are toxiproxy-server's: localhost:8474, no config")
  void defaults() {
    assertThat(ServerFlags.parse(List.of()))
        .isEqualTo(new ServerFlags("localhost", 8474, "", null, false, false, false));
  }

  @Test
  @DisplayName("-name value, -name=value and --name value all work; bools stand alone")
  void forms() {
    ServerFlags flags =
        ServerFlags.parse(
            List.of(
                "-host",
                "127.0.0.1",
                "--port=9000",
                "-config",
                "p.json",
                "-seed=-5",
                "-allow-non-loopback"));
    assertThat(flags)
        .isEqualTo(new ServerFlags("127.0.0.1", 9000, "p.json", -5L, true, false, false));
    assertThat(ServerFlags.parse(List.of("-version=true", "-allow-non-loopback=f")))
        .extracting(ServerFlags::version, ServerFlags::allowNonLoopback)
        .containsExactly(true, false);
    assertThat(ServerFlags.parse(List.of("-h")).help()).isTrue();
  }

  @Test
  @DisplayName("parsing stops at the first argument that is not a flag")
  void stops() {
    assertThat(ServerFlags.parse(List.of("run", "-port", "x")).port()).isEqualTo(8474);
  }

  @Test
  @DisplayName("unknown flags, missing and bad values fail with Go's messages")
  void errors() {
    assertThatThrownBy(() -> ServerFlags.parse(List.of("-nope")))
        .hasMessage("flag provided but not defined: -nope");
    assertThatThrownBy(() -> ServerFlags.parse(List.of("-host")))
        .hasMessage("flag needs an argument: -host");
    assertThatThrownBy(() -> ServerFlags.parse(List.of("-seed", "x")))
        .hasMessage("invalid value \"x\" for flag -seed: parse error");
    assertThatThrownBy(() -> ServerFlags.parse(List.of("-port", "70000")))
        .hasMessage("invalid value \"70000\" for flag -port: not a port (0-65535)");
    assertThatThrownBy(() -> ServerFlags.parse(List.of("-version=maybe")))
        .isInstanceOf(ServerFlags.FlagException.class);
  }
}
