package dev.tcpunit.junit.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.testcontainers.containers.output.OutputFrame;

/** Keeps the last lines a container wrote to stdout and stderr, for a failed start's message. */
final class LogTail implements Consumer<OutputFrame> {

  static final int LINES = 20;

  private final Deque<String> lines = new ArrayDeque<>();

  @Override
  public synchronized void accept(OutputFrame frame) {
    if (frame.getType() == OutputFrame.OutputType.END) {
      return;
    }
    String text = frame.getUtf8StringWithoutLineEnding();
    for (String line : text.split("\\R", -1)) {
      lines.addLast(line);
      if (lines.size() > LINES) {
        lines.removeFirst();
      }
    }
  }

  /** The kept lines, each indented, or a note that the container wrote nothing. */
  synchronized String text() {
    if (lines.isEmpty()) {
      return "  (the container wrote nothing)";
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(out.length() == 0 ? "" : "\n").append("  ").append(line);
    }
    return out.toString();
  }
}
