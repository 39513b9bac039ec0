package dev.tcpunit.internal.server;

import dev.tcpunit.server.HttpResponse;
import java.time.Duration;

/** One step of a connection script; the engine runs them in order. */
public sealed interface Step {

  /** Reads exactly {@code count} bytes. */
  record ReadBytes(int count) implements Step {}

  /** Reads at least one byte: whatever arrives first. */
  record ReadAny() implements Step {}

  /** Reads up to and including a line feed. */
  record ReadLine() implements Step {}

  /** Reads up to and including a delimiter. */
  record ReadUntil(byte[] delimiter) implements Step {}

  /** Reads one HTTP/1.1 request: head and body (Content-Length or chunked). */
  record ReadRequest() implements Step {}

  /** Reads until nothing arrived for {@code idle}. */
  record ReadUntilIdle(Duration idle) implements Step {}

  /** Writes bytes. */
  record Write(byte[] bytes) implements Step {}

  /** Writes an HTTP response, possibly only its first {@code bodyBytes} body bytes. */
  record Respond(HttpResponse response, int bodyBytes) implements Step {}

  /** Echoes every byte back until the client closes its side. */
  record Echo() implements Step {}

  /** Waits, still reading in the background. */
  record Delay(Duration duration) implements Step {}

  /** Does nothing more until the client or the server closes the connection. */
  record Hang() implements Step {}

  /** Shuts down the output (FIN) and goes on reading. */
  record HalfClose() implements Step {}

  /** Closes gracefully (FIN). */
  record Close() implements Step {}

  /** Aborts with RST (SO_LINGER 0, then close). */
  record Reset() implements Step {}

  /** Stops listening: new connections are refused until the server resumes listening. */
  record StopListening() implements Step {}

  /** Runs the script again from its first step. */
  record Repeat() implements Step {}

  /** TLS: reads the client's first record (its ClientHello), then aborts with RST. */
  record ResetHandshake() implements Step {}

  /** TLS: reads the client's handshake messages and never answers. */
  record HangHandshake() implements Step {}

  /**
   * Tells whether a step faults the TLS handshake (and so comes before it).
   *
   * @param step the step
   * @return {@code true} for {@link ResetHandshake} and {@link HangHandshake}
   */
  static boolean isHandshakeFault(Step step) {
    return step instanceof ResetHandshake || step instanceof HangHandshake;
  }
}
