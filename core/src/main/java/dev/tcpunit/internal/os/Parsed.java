package dev.tcpunit.internal.os;

import dev.tcpunit.os.TcpSocket;
import java.util.List;

/**
 * The sockets parsed from one text, and how many of its lines could not be parsed.
 *
 * @param sockets the sockets in text order
 * @param skippedLines the lines that looked like sockets but could not be parsed
 */
public record Parsed(List<TcpSocket> sockets, int skippedLines) {

  /** Copies the list. */
  public Parsed {
    sockets = List.copyOf(sockets);
  }
}
