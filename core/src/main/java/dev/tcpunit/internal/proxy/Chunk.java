package dev.tcpunit.internal.proxy;

import java.nio.ByteBuffer;

/**
 * Bytes on their way through a direction's toxic stages: a heap buffer owned by the chunk (its
 * position to limit) and the instant it left the previous stage.
 */
final class Chunk {

  final ByteBuffer data;
  long arrival;

  Chunk(ByteBuffer data, long arrival) {
    this.data = data;
    this.arrival = arrival;
  }

  /**
   * Copies the readable bytes of a buffer into a new chunk.
   *
   * @param source the bytes; its position moves to its limit
   * @param now the arrival instant, {@link System#nanoTime()} scale
   * @return the chunk
   */
  static Chunk copyOf(ByteBuffer source, long now) {
    ByteBuffer copy = ByteBuffer.allocate(source.remaining());
    copy.put(source).flip();
    return new Chunk(copy, now);
  }

  int size() {
    return data.remaining();
  }

  /**
   * Takes the first bytes off this chunk.
   *
   * @param n how many, less than {@link #size()}
   * @return a chunk with those bytes and the same arrival; this chunk keeps the rest
   */
  Chunk split(int n) {
    Chunk head = new Chunk(data.slice(data.position(), n), arrival);
    data.position(data.position() + n);
    return head;
  }
}
