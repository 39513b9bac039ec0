package dev.tcpunit.internal.proxy;

import dev.tcpunit.probe.ConnectionEnd;
import org.jspecify.annotations.Nullable;

/** Lets a number of bytes through, then closes the connection once they are written. */
final class LimitDataStage extends Stage {

  private long remaining;

  LimitDataStage(String name, StageContext context, Receiver next, long bytes) {
    super(name, context, next);
    this.remaining = bytes;
  }

  @Override
  public void offer(Chunk chunk, long now) {
    if (finished) {
      discard(chunk);
      return;
    }
    int size = chunk.size();
    if (size > remaining) {
      int keep = (int) remaining;
      context.dropped(size - keep);
      chunk.data.limit(chunk.data.position() + keep);
      size = keep;
    }
    remaining -= size;
    if (size > 0) {
      next.offer(chunk, now);
    }
    if (remaining == 0) {
      finish(now, new Fault(ConnectionEnd.PROXY_FAULT, name));
    }
  }

  @Override
  public void end(long now, @Nullable Fault fault) {
    finish(now, fault);
  }

  @Override
  void remove(long now) {
    // Holds nothing.
  }
}
