package dev.tcpunit.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks with messages in one form: {@code "name: value (expected: rule)"}. */
public final class Checks {

  /**
   * The longest delay a toxic or a script step accepts: 100 years, beyond any test, yet far enough
   * from {@code Long.MAX_VALUE} nanoseconds that adding it to {@link System#nanoTime()} cannot
   * overflow.
   */
  public static final Duration MAX_DELAY = Duration.ofDays(36_500);

  private Checks() {}

  /**
   * Requires a positive duration.
   *
   * @param name the argument's name
   * @param value the duration
   * @return the duration
   */
  public static Duration requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
    }
    return value;
  }

  /**
   * Requires a duration that is zero or positive.
   *
   * @param name the argument's name
   * @param value the duration
   * @return the duration
   */
  public static Duration requireNonNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
    }
    return value;
  }

  /**
   * Requires a delay from zero to {@link #MAX_DELAY}.
   *
   * @param name the argument's name
   * @param value the delay
   * @return the delay
   */
  public static Duration requireDelay(String name, Duration value) {
    return requireAtMostMaxDelay(name, requireNonNegative(name, value));
  }

  /**
   * Requires a positive delay, at most {@link #MAX_DELAY}.
   *
   * @param name the argument's name
   * @param value the delay
   * @return the delay
   */
  public static Duration requirePositiveDelay(String name, Duration value) {
    return requireAtMostMaxDelay(name, requirePositive(name, value));
  }

  private static Duration requireAtMostMaxDelay(String name, Duration value) {
    if (value.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: <= 100 years)");
    }
    return value;
  }

  /**
   * Requires a TCP port number, 0 meaning "any free port".
   *
   * @param name the argument's name
   * @param port the port
   * @return the port
   */
  public static int requirePort(String name, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + ": " + port + " (expected: 0-65535)");
    }
    return port;
  }

  /**
   * Requires a number at least as large as a minimum.
   *
   * @param name the argument's name
   * @param value the number
   * @param min the smallest allowed value
   * @return the number
   */
  public static long requireAtLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= " + min + ")");
    }
    return value;
  }

  /**
   * Requires a probability between 0 and 1, both included.
   *
   * @param name the argument's name
   * @param value the probability
   * @return the probability
   */
  public static double requireProbability(String name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: 0.0-1.0)");
    }
    return value;
  }
}
