package dev.tcpunit.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TimerQueue")
class TimerQueueTest {

  private static final long BASE = Long.MAX_VALUE - 25;

  private final EventLoop loop = new EventLoop("tcpunit-test-timers");
  private final TimerQueue queue = new TimerQueue();
  private final List<String> ran = new ArrayList<>();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  private ScheduledTask add(String name, long deadline, long sequence) {
    ScheduledTask task = new ScheduledTask(loop, deadline, sequence, () -> ran.add(name));
    queue.add(task);
    return task;
  }

  @Test
  @DisplayName(
      "runs what is due in deadline order, then submission order, across nanoTime overflow")
  void order() {
    add("c", BASE + 30, 1);
    add("a", BASE + 10, 2);
    add("b2", BASE + 20, 4);
    add("b1", BASE + 20, 3);
    assertThat(queue.nanosToNext(BASE)).isEqualTo(10);
    queue.runDue(BASE + 15, Runnable::run);
    assertThat(ran).containsExactly("a");
    assertThat(queue.nanosToNext(BASE + 15)).isEqualTo(5);
    queue.runDue(BASE + 100, Runnable::run);
    assertThat(ran).containsExactly("a", "b1", "b2", "c");
    assertThat(queue.nanosToNext(BASE + 100)).isEqualTo(-1);
  }

  @Test
  @DisplayName("skips cancelled tasks and runs each task once")
  void cancelled() {
    ScheduledTask cancelled = add("cancelled", BASE, 1);
    ScheduledTask kept = add("kept", BASE, 2);
    assertThat(cancelled.cancel()).isTrue();
    queue.runDue(BASE, Runnable::run);
    queue.add(kept);
    queue.runDue(BASE, Runnable::run);
    assertThat(ran).containsExactly("kept");
    assertThat(kept.isDone()).isTrue();
    assertThat(kept.cancel()).isFalse();
  }

  @Test
  @DisplayName("tasks added while running wait for the next round")
  void addedWhileRunning() {
    queue.add(
        new ScheduledTask(
            loop,
            BASE,
            1,
            () -> {
              ran.add("first");
              add("second", BASE, 2);
            }));
    queue.runDue(BASE, Runnable::run);
    assertThat(ran).containsExactly("first");
    queue.runDue(BASE, Runnable::run);
    assertThat(ran).containsExactly("first", "second");
  }
}
