package dev.tcpunit.internal.proxy;

import dev.tcpunit.proxy.Toxic;
import org.jspecify.annotations.Nullable;

/**
 * One toxic acting on one direction of one connection. Stages are chained: each passes what it lets
 * through to its {@link #next} receiver, at once or when its {@link #deadline} comes. Runs on the
 * connection's loop thread only.
 */
abstract class Stage implements Receiver {

  /** A deadline that never comes. */
  static final long NEVER = Long.MAX_VALUE;

  final String name;
  final StageContext context;
  Receiver next;
  long deadline = NEVER;

  /** Set once the end of stream passed through; nothing passes after it. */
  boolean finished;

  Stage(String name, StageContext context, Receiver next) {
    this.name = name;
    this.context = context;
    this.next = next;
  }

  /**
   * Does what is due at {@code now}; called once {@link #deadline} has come.
   *
   * @param now the current instant
   */
  void pump(long now) {}

  /**
   * Called when the toxic is removed: passes on everything held, in order, and the end if it came.
   *
   * @param now the current instant
   */
  abstract void remove(long now);

  /**
   * Called when the toxic's attributes change in place: later data gets the new ones, what is held
   * is re-timed by them, a running timer restarts from {@code now} with the new duration, and what
   * the stage counted so far (a {@code limit_data} count) still counts.
   *
   * @param toxic the toxic with its new attributes; of this stage's type
   * @param now the current instant
   */
  abstract void update(Toxic toxic, long now);

  /** Passes on the end once, and remembers that nothing more may pass. */
  final void finish(long now, @Nullable Fault fault) {
    if (!finished) {
      finished = true;
      deadline = NEVER;
      next.end(now, fault);
    }
  }

  /** Discards a chunk that arrived after the end. */
  final void discard(Chunk chunk) {
    context.dropped(chunk.size());
  }
}
