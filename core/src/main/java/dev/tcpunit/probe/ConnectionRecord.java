package dev.tcpunit.probe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of one connection as a {@link ConnectionProbe} saw it.
 *
 * <p>Instants are offsets from the probe's start, measured with a nanosecond clock ({@link
 * System#nanoTime()}), so they are comparable across connections of one probe.
 *
 * <h2>TLS</h2>
 *
 * For a TLS {@link dev.tcpunit.server.ScriptedServer}, {@code bytesFromClient}, {@code
 * bytesToClient} and {@code firstByte} count application bytes: the decrypted data the script reads
 * and the data it writes before encryption. Handshake messages, record headers and alerts are not
 * counted, so the figures are those of the same script without TLS. {@code handshakeCompleted}
 * tells when the handshake ended. (A proxy relays what it receives: in front of a TLS server it
 * counts the encrypted bytes on the wire.)
 *
 * @param index the connection's number in accept order, counting from 1
 * @param client the client's socket address (its ephemeral port identifies the connection)
 * @param server the address the client connected to (the server's or proxy's listening socket)
 * @param opened when the connection was accepted
 * @param firstByte when the first byte arrived from the client, or {@code null} if none did
 * @param ended when the connection ended, or {@code null} while it is open
 * @param bytesFromClient bytes received from the client
 * @param bytesToClient bytes sent to the client
 * @param end how the connection ended; {@link ConnectionEnd#OPEN} while it is open
 * @param detail what ended the connection in words (for example the toxic), or {@code null}
 * @param handshakeCompleted when the TLS handshake completed, or {@code null} without TLS or before
 *     it completed
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ConnectionRecord(
    int index,
    InetSocketAddress client,
    InetSocketAddress server,
    Duration opened,
    @Nullable Duration firstByte,
    @Nullable Duration ended,
    long bytesFromClient,
    long bytesToClient,
    ConnectionEnd end,
    @Nullable String detail,
    @Nullable Duration handshakeCompleted) {

  /** Checks the invariants of a record. */
  public ConnectionRecord {
    if (index < 1) {
      throw new IllegalArgumentException("index: " + index + " (expected: >= 1)");
    }
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(opened, "opened");
    Objects.requireNonNull(end, "end");
    if (bytesFromClient < 0 || bytesToClient < 0) {
      throw new IllegalArgumentException(
          "bytes: " + bytesFromClient + "/" + bytesToClient + " (expected: >= 0)");
    }
    if ((ended == null) != (end == ConnectionEnd.OPEN)) {
      throw new IllegalArgumentException(
          "ended: " + ended + " with end " + end + " (expected: an instant exactly when ended)");
    }
  }

  /**
   * A record of a connection without TLS.
   *
   * @param index the connection's number in accept order, counting from 1
   * @param client the client's socket address
   * @param server the address the client connected to
   * @param opened when the connection was accepted
   * @param firstByte when the first byte arrived from the client, or {@code null} if none did
   * @param ended when the connection ended, or {@code null} while it is open
   * @param bytesFromClient bytes received from the client
   * @param bytesToClient bytes sent to the client
   * @param end how the connection ended; {@link ConnectionEnd#OPEN} while it is open
   * @param detail what ended the connection in words, or {@code null}
   */
  public ConnectionRecord(
      int index,
      InetSocketAddress client,
      InetSocketAddress server,
      Duration opened,
      @Nullable Duration firstByte,
      @Nullable Duration ended,
      long bytesFromClient,
      long bytesToClient,
      ConnectionEnd end,
      @Nullable String detail) {
    this(
        index,
        client,
        server,
        opened,
        firstByte,
        ended,
        bytesFromClient,
        bytesToClient,
        end,
        detail,
        null);
  }

  /**
   * The instant the TLS handshake completed.
   *
   * @return the offset from the probe's start, or empty without TLS, or while or if the handshake
   *     did not complete
   */
  public Optional<Duration> handshakeCompletedAt() {
    return Optional.ofNullable(handshakeCompleted);
  }

  /**
   * Tells whether the connection is still open.
   *
   * @return {@code true} while the connection has not ended
   */
  public boolean isOpen() {
    return end == ConnectionEnd.OPEN;
  }

  /**
   * Tells whether the connection was reset by either side.
   *
   * @return {@code true} if it ended with RST
   */
  public boolean wasReset() {
    return end.isReset();
  }

  /**
   * The instant the first byte arrived from the client.
   *
   * @return the offset from the probe's start, or empty if the client sent nothing
   */
  public Optional<Duration> firstByteAt() {
    return Optional.ofNullable(firstByte);
  }

  /**
   * The instant the connection ended.
   *
   * @return the offset from the probe's start, or empty while it is open
   */
  public Optional<Duration> endedAt() {
    return Optional.ofNullable(ended);
  }

  /**
   * How long the connection lasted.
   *
   * @return the time from open to end, or empty while it is open
   */
  public Optional<Duration> duration() {
    return ended == null ? Optional.empty() : Optional.of(ended.minus(opened));
  }

  /**
   * A short description for messages, for example {@code #2 127.0.0.1:50312 -> 127.0.0.1:41000}.
   *
   * @return the index and both endpoints
   */
  public String describe() {
    return "#" + index + " " + Timeline.format(client) + " -> " + Timeline.format(server);
  }
}
