package dev.tcpunit.internal.proxy;

import dev.tcpunit.proxy.BandwidthToxic;
import dev.tcpunit.proxy.Toxic;

/**
 * Lets bytes through at a fixed rate: each piece (at most a tenth of a second's worth) is released
 * once the time to transmit it at the rate has passed.
 */
final class BandwidthStage extends QueueStage {

  private long kilobytesPerSecond;
  private int pieceMax;
  private long clock = Long.MIN_VALUE;
  private boolean scheduled;
  private long due;
  private int piece;

  BandwidthStage(String name, StageContext context, Receiver next, long kilobytesPerSecond) {
    super(name, context, next);
    rate(kilobytesPerSecond);
  }

  private void rate(long kilobytesPerSecond) {
    this.kilobytesPerSecond = kilobytesPerSecond;
    this.pieceMax = (int) Math.min(Integer.MAX_VALUE, Math.max(1, kilobytesPerSecond * 100));
  }

  /** The piece in transmission starts again at the new rate from where the previous one ended. */
  @Override
  void update(Toxic toxic, long now) {
    if (scheduled) {
      clock -= transmission(piece);
      scheduled = false;
    }
    rate(((BandwidthToxic) toxic).rate());
    pump(now);
  }

  /** n bytes at r KB/s (1 KB = 1000 B) take n * 10^6 / r nanoseconds. */
  private long transmission(int bytes) {
    return bytes * 1_000_000L / kilobytesPerSecond;
  }

  @Override
  void accepted(Chunk chunk, long now) {
    if (queue.size() == 1 && !scheduled) {
      clock = Math.max(clock, now);
    }
  }

  @Override
  long releaseHead(long now) {
    Chunk head = queue.peek();
    if (!scheduled) {
      piece = Math.min(head.size(), pieceMax);
      clock += transmission(piece);
      due = clock;
      scheduled = true;
    }
    if (due > now) {
      return due;
    }
    scheduled = false;
    next.offer(piece >= head.size() ? queue.poll() : head.split(piece), now);
    return RELEASED;
  }

  @Override
  void remove(long now) {
    scheduled = false;
    super.remove(now);
  }
}
