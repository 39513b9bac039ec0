package dev.tcpunit.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.proxy.Direction;
import dev.tcpunit.proxy.Toxic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultRandomTest {

  private static List<Boolean> decisions(long seed, Toxic toxic) {
    FaultRandom random = new FaultRandom(seed);
    List<Boolean> decisions = new ArrayList<>();
    for (long connection = 1; connection <= 200; connection++) {
      decisions.add(random.applies(toxic, connection, Direction.DOWNSTREAM));
    }
    return decisions;
  }

  @Test
  void sameSeedSameDecisions() {
    Toxic toxic = Toxic.latency(1).toxicity(0.5);

    assertThat(decisions(7, toxic)).isEqualTo(decisions(7, toxic));
    assertThat(decisions(7, toxic)).isNotEqualTo(decisions(8, toxic));
  }

  @Test
  void toxicityIsTheShareOfConnectionsHit() {
    long hit = decisions(123, Toxic.latency(1).toxicity(0.3)).stream().filter(b -> b).count();

    assertThat(hit).isBetween(35L, 85L);
  }

  @Test
  void zeroAndOneNeedNoDraw() {
    assertThat(decisions(1, Toxic.latency(1).toxicity(0.0))).containsOnly(false);
    assertThat(decisions(1, Toxic.latency(1))).containsOnly(true);
  }

  @Test
  void streamsDifferByConnectionAndDirection() {
    FaultRandom random = new FaultRandom(5);

    assertThat(random.forStream(1, Direction.UPSTREAM).nextLong())
        .isEqualTo(new FaultRandom(5).forStream(1, Direction.UPSTREAM).nextLong())
        .isNotEqualTo(random.forStream(1, Direction.DOWNSTREAM).nextLong())
        .isNotEqualTo(random.forStream(2, Direction.UPSTREAM).nextLong());
  }
}
