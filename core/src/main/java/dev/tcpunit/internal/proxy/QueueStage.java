package dev.tcpunit.internal.proxy;

import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * A stage that holds chunks in arrival order and releases them, whole or in pieces, when they are
 * due; the end of stream follows the last chunk.
 */
abstract class QueueStage extends Stage {

  /** What {@link #releaseHead} returns after it released bytes. */
  static final long RELEASED = Long.MIN_VALUE;

  final ArrayDeque<Chunk> queue = new ArrayDeque<>();
  private boolean ended;
  private @Nullable Fault endFault;

  QueueStage(String name, StageContext context, Receiver next) {
    super(name, context, next);
  }

  /**
   * Releases the head chunk, or a piece of it, if it is due.
   *
   * @param now the current instant
   * @return {@link #RELEASED}, or the instant the head becomes due
   */
  abstract long releaseHead(long now);

  /**
   * Called when a chunk joined the queue.
   *
   * @param chunk the chunk, now last in the queue
   * @param now the current instant
   */
  void accepted(Chunk chunk, long now) {}

  @Override
  public final void offer(Chunk chunk, long now) {
    if (finished || ended) {
      discard(chunk);
      return;
    }
    queue.add(chunk);
    accepted(chunk, now);
    pump(now);
  }

  @Override
  public final void end(long now, @Nullable Fault fault) {
    if (finished || ended) {
      return;
    }
    ended = true;
    endFault = fault;
    pump(now);
  }

  @Override
  final void pump(long now) {
    while (!queue.isEmpty() && !finished) {
      long due = releaseHead(now);
      if (due != RELEASED) {
        deadline = due;
        return;
      }
    }
    deadline = NEVER;
    if (ended) {
      finish(now, endFault);
    }
  }

  @Override
  void remove(long now) {
    while (!queue.isEmpty()) {
      next.offer(queue.poll(), now);
    }
    deadline = NEVER;
    if (ended) {
      finish(now, endFault);
    }
  }
}
