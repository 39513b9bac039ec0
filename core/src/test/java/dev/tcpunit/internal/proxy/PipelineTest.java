package dev.tcpunit.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.proxy.Toxic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The toxic stages in virtual time: instants are milliseconds written as nanoseconds. */
class PipelineTest {

  private static final long MS = 1_000_000;

  private final List<String> out = new ArrayList<>();
  private final Receiver sink =
      new Receiver() {
        @Override
        public void offer(Chunk chunk, long now) {
          byte[] bytes = new byte[chunk.size()];
          chunk.data.get(bytes);
          out.add(now / MS + ":" + new String(bytes, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void end(long now, @Nullable Fault fault) {
          out.add(now / MS + ":" + (fault == null ? "FIN" : fault.end() + " " + fault.detail()));
        }
      };
  private int dropped;
  private @Nullable Fault reset;
  private final StageContext context =
      new StageContext() {
        private final SplittableRandom random = new SplittableRandom(42);

        @Override
        public SplittableRandom random() {
          return random;
        }

        @Override
        public void dropped(int bytes) {
          dropped += bytes;
        }

        @Override
        public void reset(Fault fault) {
          reset = fault;
        }
      };
  private final Pipeline pipeline = new Pipeline(sink);

  private void add(Toxic toxic, long nowMs) {
    pipeline.add(Objects.requireNonNull(Stages.create(toxic, context, sink, nowMs * MS)));
  }

  private void send(String text, long nowMs) {
    pipeline.offer(
        new Chunk(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)), nowMs * MS),
        nowMs * MS);
  }

  private void eof(long nowMs) {
    pipeline.end(nowMs * MS, null);
  }

  /** Runs what is due until {@code untilMs}, deadline by deadline. */
  private void advance(long untilMs) {
    for (int i = 0; i < 10_000; i++) {
      long next = pipeline.deadline();
      if (next > untilMs * MS) {
        return;
      }
      pipeline.runDue(next);
    }
    throw new AssertionError("stages keep being due");
  }

  @Test
  void noStagePassesThroughAtOnce() {
    send("ab", 0);
    eof(1);

    assertThat(out).containsExactly("0:ab", "1:FIN");
  }

  @Nested
  @DisplayName("latency")
  class Latency {

    @Test
    void delaysEachChunkFromItsArrivalAndTheEndAfterTheLast() {
      add(Toxic.latency(100), 0);
      send("a", 0);
      send("b", 30);
      eof(40);
      advance(99);
      assertThat(out).isEmpty();

      advance(1000);

      assertThat(out).containsExactly("100:a", "130:b", "130:FIN");
    }

    @Test
    void jitterNeverReorders() {
      add(Toxic.latency(100).jitter(50), 0);
      for (int i = 0; i < 20; i++) {
        send(Character.toString('a' + i), i);
      }
      advance(1000);

      assertThat(String.join("", out.stream().map(s -> s.substring(s.indexOf(':') + 1)).toList()))
          .isEqualTo("abcdefghijklmnopqrst");
      assertThat(out)
          .allSatisfy(
              s -> assertThat(Long.parseLong(s.substring(0, s.indexOf(':')))).isBetween(50L, 169L));
    }

    @Test
    void removalReleasesWhatItHeld() {
      add(Toxic.latency(100), 0);
      send("a", 0);
      eof(1);
      pipeline.remove("latency_downstream", 5 * MS);

      assertThat(out).containsExactly("5:a", "5:FIN");
      assertThat(pipeline.isEmpty()).isTrue();
    }
  }

  @Nested
  @DisplayName("bandwidth")
  class Bandwidth {

    @Test
    void releasesAtTheRate() {
      add(Toxic.bandwidth(1), 0); // 1 KB/s: 1 byte per millisecond, pieces of 100 bytes
      send("x".repeat(250), 0);
      advance(10_000);

      assertThat(out)
          .extracting(s -> s.substring(0, s.indexOf(':')))
          .containsExactly("100", "200", "250");
    }
  }

  @Nested
  @DisplayName("slicer")
  class Slicer {

    @Test
    void cutsIntoPiecesWithTheDelayBetween() {
      add(Toxic.slicer(2).delayMicros(10_000), 0);
      send("abcde", 0);
      advance(1000);

      assertThat(out).containsExactly("0:ab", "10:cd", "20:e");
    }

    @Test
    void sizesVaryAroundTheAverage() {
      add(Toxic.slicer(10).sizeVariation(5), 0);
      send("x".repeat(1000), 0);

      assertThat(out).allSatisfy(s -> assertThat(s.length() - 2).isBetween(1, 15));
      assertThat(out.stream().mapToInt(s -> s.length() - 2).sum()).isEqualTo(1000);
    }
  }

  @Nested
  @DisplayName("slow_close, timeout, reset_peer, limit_data, black_hole, corrupt")
  class Others {

    @Test
    void slowCloseHoldsTheEnd() {
      add(Toxic.slowClose(50), 0);
      send("a", 0);
      eof(10);
      assertThat(out).containsExactly("0:a");

      advance(100);

      assertThat(out).containsExactly("0:a", "60:FIN");
    }

    @Test
    void timeoutDropsThenCloses() {
      add(Toxic.timeout(100), 0);
      send("abc", 10);
      eof(20);
      advance(99);
      assertThat(out).isEmpty();

      advance(200);

      assertThat(out).containsExactly("100:TIMEOUT timeout_downstream");
      assertThat(dropped).isEqualTo(3);
    }

    @Test
    void timeoutZeroHoldsUntilRemoved() {
      add(Toxic.timeout(0), 0);
      send("abc", 10);
      advance(1_000_000);
      assertThat(out).isEmpty();

      pipeline.remove("timeout_downstream", 2000 * MS);

      assertThat(out).containsExactly("2000:TIMEOUT timeout_downstream removed");
    }

    @Test
    void resetPeerResetsAfterTheFirstData() {
      add(Toxic.resetPeer(30), 0);
      advance(1000);
      assertThat(reset).isNull();

      send("a", 1000);
      advance(1029);
      assertThat(reset).isNull();
      advance(1030);

      assertThat(reset).isEqualTo(new Fault(ConnectionEnd.PROXY_FAULT, "reset_peer_downstream"));
      assertThat(out).isEmpty();
    }

    @Test
    void limitDataCutsThenCloses() {
      add(Toxic.limitData(5), 0);
      send("abc", 0);
      send("defg", 1);
      send("h", 2);

      assertThat(out).containsExactly("0:abc", "1:de", "1:PROXY_FAULT limit_data_downstream");
      assertThat(dropped).isEqualTo(3);
    }

    @Test
    void limitBeforeLatencyClosesAfterTheDelayedBytes() {
      add(Toxic.limitData(2), 0);
      add(Toxic.latency(10), 0);
      send("abc", 0);
      advance(100);

      assertThat(out).containsExactly("10:ab", "10:PROXY_FAULT limit_data_downstream");
    }

    @Test
    void blackHoleSwallowsEverythingAndGivesTheEndBackOnRemoval() {
      add(Toxic.blackHole(), 0);
      send("abc", 0);
      eof(1);
      assertThat(out).isEmpty();

      pipeline.remove("black_hole_downstream", 5 * MS);

      assertThat(out).containsExactly("5:FIN");
    }

    @Test
    void corruptFlipsEveryBitAtProbabilityOne() {
      add(Toxic.corrupt(1.0), 0);
      send("\u00ff\u0000", 0);

      assertThat(out).containsExactly("0:\u0000\u00ff");
    }

    @Test
    void corruptFlipsAboutTheProbability() {
      add(Toxic.corrupt(0.1), 0);
      byte[] zeros = new byte[10_000];
      pipeline.offer(new Chunk(ByteBuffer.wrap(zeros), 0), 0);

      int flipped = 0;
      for (byte b : zeros) {
        flipped += Integer.bitCount(b & 0xff);
      }
      assertThat(flipped).isBetween(7_000, 9_000);
    }
  }
}
