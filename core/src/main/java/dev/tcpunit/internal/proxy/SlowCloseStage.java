package dev.tcpunit.internal.proxy;

import dev.tcpunit.proxy.SlowCloseToxic;
import dev.tcpunit.proxy.Toxic;
import org.jspecify.annotations.Nullable;

/** Lets data through at once and holds the end of stream for a delay. */
final class SlowCloseStage extends Stage {

  private long delay;
  private boolean ended;
  private @Nullable Fault endFault;

  SlowCloseStage(String name, StageContext context, Receiver next, long delay) {
    super(name, context, next);
    this.delay = delay;
  }

  @Override
  public void offer(Chunk chunk, long now) {
    if (ended || finished) {
      discard(chunk);
    } else {
      next.offer(chunk, now);
    }
  }

  @Override
  public void end(long now, @Nullable Fault fault) {
    if (!ended && !finished) {
      ended = true;
      endFault = fault;
      deadline = now + delay;
    }
  }

  /** A held end of stream waits the new delay from now. */
  @Override
  void update(Toxic toxic, long now) {
    delay = ((SlowCloseToxic) toxic).delay().toNanos();
    if (ended && !finished) {
      deadline = now + delay;
    }
  }

  @Override
  void pump(long now) {
    finish(now, endFault);
  }

  @Override
  void remove(long now) {
    if (ended) {
      finish(now, endFault);
    }
  }
}
