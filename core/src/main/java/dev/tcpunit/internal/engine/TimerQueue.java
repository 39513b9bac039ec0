package dev.tcpunit.internal.engine;

import java.util.PriorityQueue;
import java.util.function.Consumer;

/** An event loop's pending {@link ScheduledTask}s, earliest first. Loop thread only. */
final class TimerQueue {

  private final PriorityQueue<ScheduledTask> tasks = new PriorityQueue<>();

  void add(ScheduledTask task) {
    tasks.add(task);
  }

  void remove(ScheduledTask task) {
    tasks.remove(task);
  }

  /**
   * How long until the earliest task is due.
   *
   * @param now the current {@link System#nanoTime()}
   * @return nanoseconds, 0 if one is due, or -1 when there is none
   */
  long nanosToNext(long now) {
    ScheduledTask next = tasks.peek();
    return next == null ? -1 : Math.max(0, next.deadlineNanos() - now);
  }

  /**
   * Runs the tasks due at {@code now}, earliest first; tasks they schedule wait for the next call.
   *
   * @param now the current {@link System#nanoTime()}
   * @param runner runs one task, catching what it throws
   */
  void runDue(long now, Consumer<Runnable> runner) {
    for (int n = tasks.size(); n > 0; n--) {
      ScheduledTask next = tasks.peek();
      if (next == null || next.deadlineNanos() - now > 0) {
        return;
      }
      tasks.poll();
      runner.accept(next::run);
    }
  }

  void clear() {
    tasks.clear();
  }
}
