package dev.tcpunit.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class DirectionTest {

  @Test
  void namesAreToxiproxys() {
    assertThat(Direction.UPSTREAM.toxiproxyName()).isEqualTo("upstream");
    assertThat(Direction.DOWNSTREAM.toxiproxyName()).isEqualTo("downstream");
    assertThat(Direction.UPSTREAM.opposite()).isEqualTo(Direction.DOWNSTREAM);
  }

  @Test
  void parsesIgnoringCase() {
    assertThat(Direction.of("Upstream")).isEqualTo(Direction.UPSTREAM);
    assertThat(Direction.of("downstream")).isEqualTo(Direction.DOWNSTREAM);
  }

  @Test
  void unknownDirection() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Direction.of("sideways"))
        .withMessage("stream: sideways (expected: upstream or downstream)");
  }
}
