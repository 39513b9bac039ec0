package dev.tcpunit.internal.os;

import java.time.Duration;

/** A point in time on the nanosecond clock, with the time left until it and passed since start. */
public final class Deadline {

  /** Timeouts longer than this (about 73 years) count as this long, so that sums never overflow. */
  private static final long MAX_NANOS = Long.MAX_VALUE / 4;

  private final long start;
  private final long end;
  private final Duration timeout;

  private Deadline(long start, Duration timeout) {
    this.start = start;
    this.timeout = timeout;
    long nanos = timeout.compareTo(Duration.ofNanos(MAX_NANOS)) > 0 ? MAX_NANOS : timeout.toNanos();
    this.end = start + nanos;
  }

  /**
   * A deadline some time from now.
   *
   * @param timeout the time from now; zero or positive
   * @return the deadline
   */
  public static Deadline after(Duration timeout) {
    return new Deadline(System.nanoTime(), timeout);
  }

  /**
   * The time this deadline was set for.
   *
   * @return the timeout given at creation
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Tells whether the deadline has passed.
   *
   * @return {@code true} once no time is left
   */
  public boolean isPast() {
    return end - System.nanoTime() <= 0;
  }

  /**
   * The time left in nanoseconds.
   *
   * @return the nanoseconds until the deadline, zero once it has passed
   */
  public long remainingNanos() {
    return Math.max(0, end - System.nanoTime());
  }

  /**
   * The time left in whole milliseconds, rounded up and at least 1, for APIs where 0 means "wait
   * forever" ({@code Socket.connect}, {@code Selector.select}).
   *
   * @return the milliseconds until the deadline, at least 1
   */
  public int remainingMillis() {
    long millis = (remainingNanos() + 999_999) / 1_000_000;
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
  }

  /**
   * The time since the deadline was set.
   *
   * @return the elapsed time
   */
  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
