package dev.tcpunit.internal.proxy;

import org.jspecify.annotations.Nullable;

/** Takes the output of a toxic stage: the next stage, or the writer to the peer socket. */
interface Receiver {

  /**
   * Takes a chunk, which the receiver now owns.
   *
   * @param chunk the bytes
   * @param now the current instant, {@link System#nanoTime()} scale
   */
  void offer(Chunk chunk, long now);

  /**
   * Takes the end of the stream, after every chunk offered before.
   *
   * @param now the current instant
   * @param fault {@code null} for the peer's FIN (a half-close to pass on); otherwise the toxic
   *     that closes the whole connection once the bytes before have been written
   */
  void end(long now, @Nullable Fault fault);
}
