package dev.tcpunit.internal.proxy;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.proxy.LimitDataToxic;
import dev.tcpunit.proxy.Toxic;
import org.jspecify.annotations.Nullable;

/** Lets a number of bytes through, then closes the connection once they are written. */
final class LimitDataStage extends Stage {

  private long remaining;
  private long passed;

  LimitDataStage(String name, StageContext context, Receiver next, long bytes) {
    super(name, context, next);
    this.remaining = bytes;
  }

  /** The bytes that passed still count: a limit already reached closes the connection now. */
  @Override
  void update(Toxic toxic, long now) {
    if (finished) {
      return;
    }
    remaining = Math.max(0, ((LimitDataToxic) toxic).bytes() - passed);
    if (remaining == 0) {
      finish(now, new Fault(ConnectionEnd.PROXY_FAULT, name));
    }
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
    passed += size;
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
