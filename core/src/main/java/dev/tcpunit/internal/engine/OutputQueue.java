package dev.tcpunit.internal.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.function.LongConsumer;

/**
 * Bytes waiting to be written, in order. Writes go out in pieces of at most {@link
 * EventLoop#IO_BUFFER_SIZE} bytes, so the JDK's temporary direct buffers stay small. Not
 * thread-safe: owned by one connection on its loop.
 */
public final class OutputQueue {

  private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
  private long pending;

  /** Creates an empty queue. */
  public OutputQueue() {}

  /**
   * Queues bytes; the array is kept, not copied, so the caller must not change it afterwards.
   *
   * @param bytes the bytes
   */
  public void add(byte[] bytes) {
    if (bytes.length > 0) {
      chunks.add(ByteBuffer.wrap(bytes));
      pending += bytes.length;
    }
  }

  /**
   * How many bytes wait.
   *
   * @return the count
   */
  public long pending() {
    return pending;
  }

  /**
   * Tells whether nothing waits.
   *
   * @return {@code true} when empty
   */
  public boolean isEmpty() {
    return pending == 0;
  }

  /**
   * The first waiting bytes, at most {@link EventLoop#IO_BUFFER_SIZE} of them, as a view; {@link
   * #consumed} removes what was taken from it.
   *
   * @return a view of the first bytes, or an empty buffer when nothing waits
   */
  public ByteBuffer peek() {
    ByteBuffer head = chunks.peek();
    if (head == null) {
      return ByteBuffer.allocate(0);
    }
    return head.slice(head.position(), Math.min(head.remaining(), EventLoop.IO_BUFFER_SIZE))
        .asReadOnlyBuffer();
  }

  /**
   * Removes bytes taken from the view {@link #peek} returned.
   *
   * @param count how many, at most the view's size
   */
  public void consumed(int count) {
    ByteBuffer head = chunks.peek();
    if (count <= 0 || head == null) {
      return;
    }
    head.position(head.position() + count);
    pending -= count;
    if (!head.hasRemaining()) {
      chunks.poll();
    }
  }

  /**
   * Writes as much as the channel takes without blocking.
   *
   * @param channel a non-blocking channel
   * @param written told every count of bytes written, also when a later write fails
   * @throws IOException if writing failed (the peer reset, the output was shut down)
   */
  public void writeTo(WritableByteChannel channel, LongConsumer written) throws IOException {
    while (!chunks.isEmpty()) {
      ByteBuffer head = chunks.peek();
      int n = Math.min(head.remaining(), EventLoop.IO_BUFFER_SIZE);
      int count = channel.write(head.slice(head.position(), n));
      head.position(head.position() + count);
      pending -= count;
      written.accept(count);
      if (!head.hasRemaining()) {
        chunks.poll();
      }
      if (count < n) {
        return;
      }
    }
  }

  /** Drops everything that waits. */
  public void clear() {
    chunks.clear();
    pending = 0;
  }
}
