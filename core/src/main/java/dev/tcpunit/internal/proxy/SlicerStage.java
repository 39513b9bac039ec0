package dev.tcpunit.internal.proxy;

import dev.tcpunit.proxy.SlicerToxic;
import dev.tcpunit.proxy.Toxic;

/**
 * Cuts chunks into pieces of the average size plus or minus the variation, released one by one with
 * a delay after each.
 */
final class SlicerStage extends QueueStage {

  private int averageSize;
  private int sizeVariation;
  private long delay;
  private long nextAt = Long.MIN_VALUE;

  SlicerStage(
      String name,
      StageContext context,
      Receiver next,
      int averageSize,
      int sizeVariation,
      long delay) {
    super(name, context, next);
    this.averageSize = averageSize;
    this.sizeVariation = sizeVariation;
    this.delay = delay;
  }

  /** The next piece gets the new sizes, after the new delay from now if one was pending. */
  @Override
  void update(Toxic toxic, long now) {
    SlicerToxic t = (SlicerToxic) toxic;
    averageSize = t.averageSize();
    sizeVariation = t.sizeVariation();
    delay = t.delay().toNanos();
    if (nextAt > now) {
      nextAt = now + delay;
    }
    pump(now);
  }

  @Override
  long releaseHead(long now) {
    if (nextAt > now) {
      return nextAt;
    }
    Chunk head = queue.peek();
    int size = averageSize;
    if (sizeVariation > 0) {
      size += context.random().nextInt(-sizeVariation, sizeVariation + 1);
    }
    next.offer(size >= head.size() ? queue.poll() : head.split(Math.max(1, size)), now);
    if (delay > 0) {
      nextAt = now + delay;
    }
    return RELEASED;
  }
}
