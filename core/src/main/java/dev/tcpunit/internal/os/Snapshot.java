package dev.tcpunit.internal.os;

import dev.tcpunit.os.TcpSocket;
import java.util.List;
import java.util.Objects;

/**
 * What one read of the kernel's socket table produced.
 *
 * @param sockets the sockets, in the order the platform listed them
 * @param skippedLines how many lines looked like sockets but could not be parsed
 * @param source where the sockets came from, for messages (for example {@code /proc/net/tcp})
 * @param ownersKnown whether the platform tells which process holds a socket
 */
public record Snapshot(
    List<TcpSocket> sockets, int skippedLines, String source, boolean ownersKnown) {

  /** Copies the list and checks the arguments. */
  public Snapshot {
    sockets = List.copyOf(sockets);
    Objects.requireNonNull(source, "source");
    if (skippedLines < 0) {
      throw new IllegalArgumentException("skippedLines: " + skippedLines + " (expected: >= 0)");
    }
  }
}
