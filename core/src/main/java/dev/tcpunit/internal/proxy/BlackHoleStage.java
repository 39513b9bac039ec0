package dev.tcpunit.internal.proxy;

import dev.tcpunit.proxy.Toxic;
import org.jspecify.annotations.Nullable;

/**
 * Discards all data and the end of stream. A swallowed end of stream is passed on when the toxic is
 * removed, so the connection can still close.
 */
final class BlackHoleStage extends Stage {

  private boolean swallowedEnd;

  BlackHoleStage(String name, StageContext context, Receiver next) {
    super(name, context, next);
  }

  @Override
  public void offer(Chunk chunk, long now) {
    discard(chunk);
  }

  @Override
  public void end(long now, @Nullable Fault fault) {
    if (fault != null) {
      finish(now, fault);
    } else {
      swallowedEnd = true;
    }
  }

  @Override
  void update(Toxic toxic, long now) {
    // No attributes.
  }

  @Override
  void remove(long now) {
    if (swallowedEnd) {
      finish(now, null);
    }
  }
}
