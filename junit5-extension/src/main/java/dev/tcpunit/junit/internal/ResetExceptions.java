package dev.tcpunit.junit.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognizes a TCP connection reset in an exception's cause chain; the rules are documented on
 * {@link dev.tcpunit.junit.ExpectReset}.
 */
final class ResetExceptions {

  private static final int MAX_DEPTH = 64;

  private ResetExceptions() {}

  /**
   * The first exception in the cause chain (the exception itself included) that reports a
   * connection reset.
   *
   * @param thrown what a test threw
   * @return the reset, or empty if the chain has none
   */
  static Optional<Throwable> find(Throwable thrown) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable current = thrown;
    for (int depth = 0; current != null && depth < MAX_DEPTH && seen.add(current); depth++) {
      if (isReset(current)) {
        return Optional.of(current);
      }
      current = current.getCause();
    }
    return Optional.empty();
  }

  /** Whether this one exception (not its causes) reports a connection reset. */
  static boolean isReset(Throwable throwable) {
    if (!(throwable instanceof IOException) || throwable.getMessage() == null) {
      return false;
    }
    String message = throwable.getMessage().toLowerCase(Locale.ROOT);
    return message.contains("connection reset")
        || message.contains("forcibly closed by the remote host");
  }
}
