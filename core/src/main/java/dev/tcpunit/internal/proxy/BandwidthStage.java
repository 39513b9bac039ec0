package dev.tcpunit.internal.proxy;

/**
 * Lets bytes through at a fixed rate: each piece (at most a tenth of a second's worth) is released
 * once the time to transmit it at the rate has passed.
 */
final class BandwidthStage extends QueueStage {

  private final long kilobytesPerSecond;
  private final int pieceMax;
  private long clock = Long.MIN_VALUE;
  private boolean scheduled;
  private long due;
  private int piece;

  BandwidthStage(String name, StageContext context, Receiver next, long kilobytesPerSecond) {
    super(name, context, next);
    this.kilobytesPerSecond = kilobytesPerSecond;
    this.pieceMax = (int) Math.min(Integer.MAX_VALUE, Math.max(1, kilobytesPerSecond * 100));
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
      // n bytes at r KB/s (1 KB = 1000 B) take n * 10^6 / r nanoseconds.
      clock += piece * 1_000_000L / kilobytesPerSecond;
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
