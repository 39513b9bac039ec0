package dev.tcpunit.internal.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A task that runs once on an event loop at a deadline, unless cancelled first. Cancelling is safe
 * from any thread: once {@link #cancel()} returned {@code true}, the task never runs.
 */
public final class ScheduledTask implements Comparable<ScheduledTask> {

  private static final int PENDING = 0;
  private static final int DONE = 1;
  private static final int CANCELLED = 2;

  private final EventLoop loop;
  private final long deadlineNanos;
  private final long sequence;
  private final Runnable task;
  private final AtomicInteger state = new AtomicInteger(PENDING);

  ScheduledTask(EventLoop loop, long deadlineNanos, long sequence, Runnable task) {
    this.loop = loop;
    this.deadlineNanos = deadlineNanos;
    this.sequence = sequence;
    this.task = task;
  }

  /**
   * Cancels the task unless it already ran.
   *
   * @return {@code true} if this call cancelled it, {@code false} if it had run or was cancelled
   */
  public boolean cancel() {
    if (state.compareAndSet(PENDING, CANCELLED)) {
      loop.cancelled(this);
      return true;
    }
    return false;
  }

  /**
   * Tells whether the task was cancelled.
   *
   * @return {@code true} after a successful {@link #cancel()}
   */
  public boolean isCancelled() {
    return state.get() == CANCELLED;
  }

  /**
   * Tells whether the task ran.
   *
   * @return {@code true} once it ran
   */
  public boolean isDone() {
    return state.get() == DONE;
  }

  long deadlineNanos() {
    return deadlineNanos;
  }

  void run() {
    if (state.compareAndSet(PENDING, DONE)) {
      task.run();
    }
  }

  @Override
  public int compareTo(ScheduledTask other) {
    int byDeadline = Long.compare(deadlineNanos - other.deadlineNanos, 0);
    return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sequence);
  }
}
