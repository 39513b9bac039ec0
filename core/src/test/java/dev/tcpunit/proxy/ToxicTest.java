package dev.tcpunit.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ToxicTest {

  @Nested
  @DisplayName("defaults")
  class Defaults {

    @Test
    void downstreamFullToxicityAndToxiproxyDefaultName() {
      Toxic toxic = Toxic.latency(100);

      assertThat(toxic.stream()).isEqualTo(Direction.DOWNSTREAM);
      assertThat(toxic.toxicity()).isEqualTo(1.0);
      assertThat(toxic.name()).isEqualTo("latency_downstream");
      assertThat(toxic.upstream().name()).isEqualTo("latency_upstream");
    }

    @Test
    void connectionLevelToxicsAreNamedAfterTheirType() {
      assertThat(Toxic.refuseConnections().name()).isEqualTo("refuse_connections");
      assertThat(Toxic.connectDelay(5).upstream().name()).isEqualTo("connect_delay");
      assertThat(Toxic.maxConnections(2).isConnectionLevel()).isTrue();
      assertThat(Toxic.latency(1).isConnectionLevel()).isFalse();
    }

    @Test
    void givenNameSticksWhateverTheStream() {
      Toxic toxic = Toxic.bandwidth(10).named("slow").upstream();

      assertThat(toxic.name()).isEqualTo("slow");
      assertThat(toxic.stream()).isEqualTo(Direction.UPSTREAM);
    }

    @Test
    void everyMethodReturnsANewToxicOfTheSameKind() {
      LatencyToxic base = Toxic.latency(100);
      LatencyToxic changed = base.upstream().toxicity(0.5).named("x").jitter(10).downstream();

      assertThat(base.jitter()).isZero();
      assertThat(base.name()).isEqualTo("latency_downstream");
      assertThat(changed.jitter()).isEqualTo(Duration.ofMillis(10));
      assertThat(changed.toxicity()).isEqualTo(0.5);
    }
  }

  @Nested
  @DisplayName("attributes in Toxiproxy's names and units")
  class Attributes {

    @Test
    void latencyInMilliseconds() {
      assertThat(Toxic.latency(Duration.ofMillis(250)).jitter(20).attributes())
          .containsExactly(entry("latency", 250L), entry("jitter", 20L));
    }

    @Test
    void slicerDelayInMicroseconds() {
      SlicerToxic slicer = Toxic.slicer(100).sizeVariation(10).delayMicros(1500);

      assertThat(slicer.delay()).isEqualTo(Duration.ofNanos(1_500_000));
      assertThat(slicer.attributes())
          .containsExactly(
              entry("average_size", 100), entry("size_variation", 10), entry("delay", 1500L));
    }

    @Test
    void oneAttributeEach() {
      assertThat(Toxic.bandwidth(64).attributes()).containsExactly(entry("rate", 64L));
      assertThat(Toxic.slowClose(7).attributes()).containsExactly(entry("delay", 7L));
      assertThat(Toxic.timeout(0).attributes()).containsExactly(entry("timeout", 0L));
      assertThat(Toxic.resetPeer(30).attributes()).containsExactly(entry("timeout", 30L));
      assertThat(Toxic.limitData(1024).attributes()).containsExactly(entry("bytes", 1024L));
      assertThat(Toxic.corrupt(0.25).attributes()).containsExactly(entry("probability", 0.25));
      assertThat(Toxic.connectDelay(9).attributes()).containsExactly(entry("delay", 9L));
      assertThat(Toxic.maxConnections(3).attributes()).containsExactly(entry("connections", 3));
      assertThat(Toxic.blackHole().attributes()).isEmpty();
      assertThat(Toxic.refuseConnections().attributes()).isEmpty();
    }

    @Test
    void typesAreToxiproxys() {
      assertThat(Toxic.latency(1).type()).isEqualTo("latency");
      assertThat(Toxic.slowClose(1).type()).isEqualTo("slow_close");
      assertThat(Toxic.resetPeer(1).type()).isEqualTo("reset_peer");
      assertThat(Toxic.limitData(1).type()).isEqualTo("limit_data");
      assertThat(Toxic.blackHole().type()).isEqualTo("black_hole");
    }

    @Test
    void toStringListsEverything() {
      assertThat(Toxic.latency(100).toxicity(0.5))
          .hasToString(
              "latency_downstream(latency, downstream, toxicity 0.5, {latency=100, jitter=0})");
    }
  }

  @Nested
  @DisplayName("bad input")
  class BadInput {

    @Test
    void negativeLatency() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.latency(-5))
          .withMessage("latency: -5 (expected: >= 0)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.latency(1).jitter(-1))
          .withMessage("jitter: -1 (expected: >= 0)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.latency(Duration.ofMillis(-5)))
          .withMessage("latency: PT-0.005S (expected: >= 0)");
    }

    @Test
    void rateBelowOne() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.bandwidth(-1))
          .withMessage("rate: -1 (expected: >= 1)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.bandwidth(0))
          .withMessage("rate: 0 (expected: >= 1)");
    }

    @Test
    void toxicityOutsideZeroToOne() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.latency(1).toxicity(1.5))
          .withMessage("toxicity: 1.5 (expected: 0.0-1.0)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.latency(1).toxicity(Double.NaN))
          .withMessage("toxicity: NaN (expected: 0.0-1.0)");
    }

    @Test
    void otherAttributes() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.timeout(-1))
          .withMessage("timeout: -1 (expected: >= 0)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.resetPeer(-2))
          .withMessage("timeout: -2 (expected: >= 0)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.slowClose(-3))
          .withMessage("delay: -3 (expected: >= 0)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.limitData(-4))
          .withMessage("bytes: -4 (expected: >= 0)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.corrupt(2))
          .withMessage("probability: 2.0 (expected: 0.0-1.0)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.maxConnections(-1))
          .withMessage("connections: -1 (expected: >= 0)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.connectDelay(-1))
          .withMessage("delay: -1 (expected: >= 0)");
    }

    @Test
    void slicerSizes() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.slicer(0))
          .withMessage("average_size: 0 (expected: >= 1)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.slicer(10).sizeVariation(10))
          .withMessage("size_variation: 10 (expected: 0-9, below average_size 10)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.slicer(10).delayMicros(-1))
          .withMessage("delay: -1 (expected: >= 0)");
    }

    @Test
    void blankName() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.latency(1).named(" "))
          .withMessage("name: \" \" (expected: not blank)");
    }
  }

  @Nested
  @DisplayName("from Toxiproxy's type and attributes")
  class FromToxiproxy {

    @Test
    void everyTypeRoundTrips() {
      for (Toxic toxic :
          new Toxic[] {
            Toxic.latency(100).jitter(5),
            Toxic.bandwidth(3),
            Toxic.slowClose(4),
            Toxic.timeout(5),
            Toxic.resetPeer(6),
            Toxic.slicer(7).sizeVariation(2).delayMicros(9),
            Toxic.limitData(10),
            Toxic.blackHole(),
            Toxic.corrupt(0.5),
            Toxic.connectDelay(11),
            Toxic.refuseConnections(),
            Toxic.maxConnections(12)
          }) {
        assertThat(Toxic.of(toxic.type(), toxic.attributes())).isEqualTo(toxic);
      }
    }

    @Test
    void missingAttributesAreZero() {
      assertThat(Toxic.of("latency", Map.of())).isEqualTo(Toxic.latency(0));
    }

    @Test
    void unknownType() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.of("lag", Map.of()))
          .withMessage(
              "type: lag (expected: one of latency, bandwidth, slow_close, timeout, reset_peer,"
                  + " slicer, limit_data, black_hole, corrupt, connect_delay, refuse_connections,"
                  + " max_connections)");
    }

    @Test
    void unknownAttribute() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.of("latency", Map.of("delay", 5)))
          .withMessage("attributes: [delay] (expected: among latency, jitter for type latency)");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.of("black_hole", Map.of("x", 1)))
          .withMessage("attributes: [x] (expected: none for type black_hole)");
    }

    @Test
    void fractionalWholeNumber() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.of("latency", Map.of("latency", 1.5)))
          .withMessage("latency: 1.5 (expected: a whole number)");
    }

    @Test
    void invalidValueKeepsItsMessage() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Toxic.of("bandwidth", Map.of("rate", -5)))
          .withMessage("rate: -5 (expected: >= 1)");
    }
  }

  @Nested
  @DisplayName("equality")
  class Equality {

    @Test
    void byValue() {
      assertThat(Toxic.latency(100).jitter(1))
          .isEqualTo(Toxic.latency(Duration.ofMillis(100)).jitter(Duration.ofMillis(1)))
          .hasSameHashCodeAs(Toxic.latency(100).jitter(1))
          .isNotEqualTo(Toxic.latency(100).jitter(1).upstream())
          .isNotEqualTo(Toxic.latency(100).jitter(1).named("other"))
          .isNotEqualTo(Toxic.latency(100).jitter(1).toxicity(0.5));
    }
  }
}
