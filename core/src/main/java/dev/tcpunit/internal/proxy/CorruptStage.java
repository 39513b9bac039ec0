package dev.tcpunit.internal.proxy;

import dev.tcpunit.proxy.CorruptToxic;
import dev.tcpunit.proxy.Toxic;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Flips each bit with a probability, independently: the distance to the next flipped bit is drawn
 * from the geometric distribution, so the cost is per flip, not per bit.
 */
final class CorruptStage extends Stage {

  private double probability;
  private long untilFlip = -1;

  CorruptStage(String name, StageContext context, Receiver next, double probability) {
    super(name, context, next);
    this.probability = probability;
  }

  @Override
  public void offer(Chunk chunk, long now) {
    if (finished) {
      discard(chunk);
      return;
    }
    if (probability > 0) {
      corrupt(chunk.data);
    }
    next.offer(chunk, now);
  }

  private void corrupt(ByteBuffer data) {
    long bits = data.remaining() * 8L;
    long at = 0;
    if (untilFlip < 0) {
      untilFlip = gap();
    }
    while (bits - at > untilFlip) {
      at += untilFlip;
      int index = data.position() + (int) (at >>> 3);
      data.put(index, (byte) (data.get(index) ^ (1 << (at & 7))));
      at++;
      untilFlip = gap();
    }
    untilFlip -= bits - at;
  }

  /** Bits to skip before the next flipped one. */
  private long gap() {
    if (probability >= 1.0) {
      return 0;
    }
    double u = context.random().nextDouble();
    double gap = Math.floor(Math.log1p(-u) / Math.log1p(-probability));
    return gap >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) gap;
  }

  @Override
  public void end(long now, @Nullable Fault fault) {
    finish(now, fault);
  }

  /** The next flipped bit is drawn again with the new probability. */
  @Override
  void update(Toxic toxic, long now) {
    probability = ((CorruptToxic) toxic).probability();
    untilFlip = -1;
  }

  @Override
  void remove(long now) {
    // Holds nothing.
  }
}
