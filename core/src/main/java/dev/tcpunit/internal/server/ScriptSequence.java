package dev.tcpunit.internal.server;

import dev.tcpunit.server.ConnectionScript;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/** The scripts of the connections to come: the n-th connection runs the n-th, the last repeats. */
final class ScriptSequence {

  private final List<ConnectionScript> scripts;
  private final AtomicInteger taken = new AtomicInteger();

  private ScriptSequence(List<ConnectionScript> scripts) {
    this.scripts = scripts;
  }

  /**
   * Checks and copies a sequence.
   *
   * @param scripts the scripts, not empty, no {@code null}
   * @return the sequence
   */
  static ScriptSequence of(List<ConnectionScript> scripts) {
    Objects.requireNonNull(scripts, "sequence");
    if (scripts.isEmpty()) {
      throw new IllegalArgumentException("sequence: [] (expected: at least one script)");
    }
    for (int i = 0; i < scripts.size(); i++) {
      Objects.requireNonNull(scripts.get(i), "sequence[" + i + "]");
    }
    return new ScriptSequence(List.copyOf(scripts));
  }

  ConnectionScript next() {
    int n = taken.getAndIncrement();
    return scripts.get(n < 0 || n >= scripts.size() ? scripts.size() - 1 : n);
  }
}
