package dev.tcpunit.internal.proxy;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.proxy.ResetPeerToxic;
import dev.tcpunit.proxy.Toxic;
import org.jspecify.annotations.Nullable;

/**
 * Discards data; the first data (or end of stream) arms a timer after which the whole connection is
 * reset on both sides.
 */
final class ResetPeerStage extends Stage {

  private long timeout;
  private boolean armed;

  ResetPeerStage(String name, StageContext context, Receiver next, long timeout) {
    super(name, context, next);
    this.timeout = timeout;
  }

  @Override
  public void offer(Chunk chunk, long now) {
    discard(chunk);
    arm(now);
  }

  @Override
  public void end(long now, @Nullable Fault fault) {
    if (fault != null) {
      finish(now, fault);
    } else {
      arm(now);
    }
  }

  private void arm(long now) {
    if (!armed && !finished) {
      armed = true;
      deadline = now + timeout;
    }
  }

  /** An armed timer starts again from now with the new timeout. */
  @Override
  void update(Toxic toxic, long now) {
    timeout = ((ResetPeerToxic) toxic).timeout().toNanos();
    if (armed && !finished) {
      deadline = now + timeout;
    }
  }

  @Override
  void pump(long now) {
    deadline = NEVER;
    finished = true;
    context.reset(new Fault(ConnectionEnd.PROXY_FAULT, name));
  }

  @Override
  void remove(long now) {
    deadline = NEVER;
  }
}
