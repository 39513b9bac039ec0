package dev.tcpunit.internal.engine;

import java.io.IOException;

/**
 * A task for {@link EventLoop#call}: returns a value, may throw {@link IOException}.
 *
 * @param <T> the result's type
 */
@FunctionalInterface
public interface LoopCall<T> {

  /**
   * Runs the task.
   *
   * @return the result
   * @throws IOException if the task failed with it
   */
  T call() throws IOException;
}
