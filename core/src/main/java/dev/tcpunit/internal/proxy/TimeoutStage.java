package dev.tcpunit.internal.proxy;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.proxy.TimeoutToxic;
import dev.tcpunit.proxy.Toxic;
import org.jspecify.annotations.Nullable;

/**
 * Discards all data and the end of stream; closes the connection when the timeout passes (never for
 * a timeout of 0) or when the toxic is removed.
 */
final class TimeoutStage extends Stage {

  TimeoutStage(String name, StageContext context, Receiver next, long timeout, long now) {
    super(name, context, next);
    this.deadline = timeout > 0 ? now + timeout : NEVER;
  }

  @Override
  public void offer(Chunk chunk, long now) {
    discard(chunk);
  }

  @Override
  public void end(long now, @Nullable Fault fault) {
    if (fault != null) {
      finish(now, fault);
    }
  }

  /** The timeout starts again from now with the new value; 0 holds the connection open. */
  @Override
  void update(Toxic toxic, long now) {
    if (!finished) {
      long timeout = ((TimeoutToxic) toxic).timeout().toNanos();
      deadline = timeout > 0 ? now + timeout : NEVER;
    }
  }

  @Override
  void pump(long now) {
    finish(now, new Fault(ConnectionEnd.TIMEOUT, name));
  }

  @Override
  void remove(long now) {
    finish(now, new Fault(ConnectionEnd.TIMEOUT, name + " removed"));
  }
}
