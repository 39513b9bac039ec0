package dev.tcpunit.internal.proxy;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Direct buffers of one size, reused by the connections of one event loop; keeps a bounded number
 * of free buffers so that direct memory stays flat whatever the number of connections churned.
 * Loop-confined.
 */
final class BufferPool {

  /** The size of every buffer: one read moves at most this many bytes. */
  static final int BUFFER_SIZE = 128 * 1024;

  private static final int MAX_FREE = 32;

  private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();

  ByteBuffer take() {
    ByteBuffer buffer = free.poll();
    return buffer != null ? buffer : ByteBuffer.allocateDirect(BUFFER_SIZE);
  }

  void give(ByteBuffer buffer) {
    if (free.size() < MAX_FREE) {
      free.push(buffer.clear());
    }
  }
}
