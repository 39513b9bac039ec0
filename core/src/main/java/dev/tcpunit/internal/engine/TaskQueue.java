package dev.tcpunit.internal.engine;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Tasks submitted to an event loop from any thread. Once closed it takes no more, and a task is
 * either rejected or run: one that raced with closing is taken back or drained.
 */
final class TaskQueue {

  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  /**
   * Queues a task.
   *
   * @return {@code false} if the queue was closed and the task will not run
   */
  boolean offer(Runnable task) {
    tasks.add(task);
    return !closed || !tasks.remove(task);
  }

  boolean isEmpty() {
    return tasks.isEmpty();
  }

  boolean isClosed() {
    return closed;
  }

  /** Runs the tasks queued so far; tasks they queue wait for the next call. */
  void runQueued(Consumer<Runnable> runner) {
    for (int n = tasks.size(); n > 0; n--) {
      Runnable task = tasks.poll();
      if (task == null) {
        return;
      }
      runner.accept(task);
    }
  }

  /** Runs what is queued, closes, then runs what raced with closing. */
  void close(Consumer<Runnable> runner) {
    runQueued(runner);
    closed = true;
    while (!tasks.isEmpty()) {
      runQueued(runner);
    }
  }
}
