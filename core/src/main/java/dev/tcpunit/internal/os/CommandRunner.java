package dev.tcpunit.internal.os;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an operating system command and returns what it printed. */
@FunctionalInterface
interface CommandRunner {

  /**
   * Runs a command to its end.
   *
   * @param command the program and its arguments
   * @param timeout how long the command may run
   * @return the standard output
   * @throws IOException if the command cannot be started, fails, or outlives the timeout
   */
  String run(List<String> command, Duration timeout) throws IOException;

  /** Runs commands as processes, their output through a temporary file. */
  static CommandRunner processes() {
    return (command, timeout) -> {
      Path output = Files.createTempFile("tcpunit-netstat", ".txt");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        boolean ended;
        try {
          ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          process.destroyForcibly();
          throw new InterruptedIOException(String.join(" ", command) + ": interrupted");
        }
        if (!ended) {
          process.destroyForcibly();
          throw new IOException(
              String.join(" ", command) + ": still running after " + timeout.toMillis() + " ms");
        }
        if (process.exitValue() != 0) {
          throw new IOException(
              String.join(" ", command) + ": exited with status " + process.exitValue());
        }
        return Files.readString(output, StandardCharsets.ISO_8859_1);
      } finally {
        Files.deleteIfExists(output);
      }
    };
  }
}
