package dev.tcpunit.os;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.os.IpLiterals;
import dev.tcpunit.probe.Timeline;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What one {@link Tcp#exchange(String, int, byte[], java.time.Duration)} saw: the reply, its
 * timings and how the connection ended.
 *
 * <p>Times are measured from the start of the exchange (before the connect) with a nanosecond
 * clock, like curl's {@code time_connect} and {@code time_starttransfer}.
 *
 * <h2>Thread-safety</h2>
 *
 * Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Exchange {

  /** How the connection ended. */
  @API(status = EXPERIMENTAL, since = "0.1")
  public enum Ending {
    /** The server closed its side normally (FIN): the reply is complete. */
    EOF,
    /** The connection was reset (RST) or broke otherwise; the reply holds what came before. */
    RESET,
    /** The timeout passed before the server closed; the reply holds what came in time. */
    TIMEOUT
  }

  private final InetSocketAddress remote;
  private final byte[] reply;
  private final long bytesSent;
  private final Duration connectTime;
  private final @Nullable Duration firstByteTime;
  private final Duration totalTime;
  private final Ending ending;
  private final @Nullable String failure;

  Exchange(
      InetSocketAddress remote,
      byte[] reply,
      long bytesSent,
      Duration connectTime,
      @Nullable Duration firstByteTime,
      Duration totalTime,
      Ending ending,
      @Nullable String failure) {
    this.remote = Objects.requireNonNull(remote, "remote");
    this.reply = reply.clone();
    this.bytesSent = bytesSent;
    this.connectTime = Objects.requireNonNull(connectTime, "connectTime");
    this.firstByteTime = firstByteTime;
    this.totalTime = Objects.requireNonNull(totalTime, "totalTime");
    this.ending = Objects.requireNonNull(ending, "ending");
    this.failure = failure;
  }

  /**
   * The address the exchange connected to.
   *
   * @return the server's resolved address
   */
  public InetSocketAddress remote() {
    return remote;
  }

  /**
   * The bytes the server sent.
   *
   * @return a copy of the reply, empty if none came
   */
  public byte[] reply() {
    return reply.clone();
  }

  /**
   * The reply decoded as UTF-8.
   *
   * @return the text, malformed input replaced
   */
  public String replyText() {
    return replyText(StandardCharsets.UTF_8);
  }

  /**
   * The reply decoded with a charset.
   *
   * @param charset the charset
   * @return the text, malformed input replaced
   */
  public String replyText(Charset charset) {
    return new String(reply, charset);
  }

  /**
   * How many of the given bytes were written before the connection ended.
   *
   * @return the count; less than given if the server reset or the timeout passed first
   */
  public long bytesSent() {
    return bytesSent;
  }

  /**
   * The time to establish the connection.
   *
   * @return from the start to the end of the TCP handshake
   */
  public Duration connectTime() {
    return connectTime;
  }

  /**
   * The time to the first byte of the reply.
   *
   * @return from the start to the first reply byte, or empty if none came
   */
  public Optional<Duration> firstByteTime() {
    return Optional.ofNullable(firstByteTime);
  }

  /**
   * The time of the whole exchange.
   *
   * @return from the start to the end of the connection, or to the timeout
   */
  public Duration totalTime() {
    return totalTime;
  }

  /**
   * How the connection ended.
   *
   * @return end of stream, reset, or timeout
   */
  public Ending ending() {
    return ending;
  }

  /**
   * The exception's message when the connection broke ({@link Ending#RESET}).
   *
   * @return for example {@code Connection reset}, or empty
   */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public String toString() {
    return "Exchange with "
        + IpLiterals.format(remote)
        + ": sent "
        + bytesSent
        + " B, received "
        + reply.length
        + " B, connect "
        + Timeline.millis(connectTime)
        + " ms, first byte "
        + Timeline.millis(firstByteTime)
        + " ms, total "
        + Timeline.millis(totalTime)
        + " ms, ended by "
        + ending
        + (failure == null ? "" : " (" + failure + ")");
  }
}
