package dev.tcpunit.internal.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The buffers one scattering read of a loop fills, and the array one gathering write of a loop
 * empties. A read starts with one pooled buffer and uses more, up to {@link #MAX_BUFFERS}, once a
 * read has filled them all: a ping-pong connection reads into one buffer, a bulk stream moves up to
 * {@code MAX_BUFFERS} buffers' worth of bytes in one system call each way. A flow that cannot write
 * what it read keeps those buffers, and the set takes fresh ones from the pool. Loop-confined.
 */
final class ReadSet {

  /** The most buffers one read fills. */
  static final int MAX_BUFFERS = 8;

  /**
   * How many buffers the flows of one loop may hold, queued for sinks that are not reading, before
   * each read fills a single buffer: a stalled flow then holds at most one buffer, so that many
   * connections to a peer that does not read cannot use up direct memory.
   */
  static final int HELD_BUDGET = 64;

  private final BufferPool pool;
  private final ByteBuffer[] buffers = new ByteBuffer[MAX_BUFFERS];
  private final ByteBuffer[] gather = new ByteBuffer[64];
  private int size;
  private int filled;
  private boolean full;
  private int held;

  ReadSet(BufferPool pool) {
    this.pool = pool;
  }

  /**
   * Reads what the channel has, as far as the set's buffers hold; the filled buffers are then
   * flipped, ready to be written, as {@link #filled()} buffers from {@link #buffers()} index 0.
   *
   * @param source the channel to read
   * @return the bytes read, or -1 at the end of the stream
   * @throws IOException if the read fails
   */
  long read(SocketChannel source) throws IOException {
    if (size == 0) {
      buffers[0] = pool.take();
      size = 1;
    }
    int use = overBudget() ? 1 : size;
    for (int i = 0; i < use; i++) {
      buffers[i].clear();
    }
    long n = use == 1 ? source.read(buffers[0]) : source.read(buffers, 0, use);
    filled = 0;
    full = n == (long) use * BufferPool.BUFFER_SIZE;
    if (n > 0) {
      while (filled < use && buffers[filled].position() > 0) {
        buffers[filled++].flip();
      }
      if (full && use == size && size < MAX_BUFFERS) {
        buffers[size++] = pool.take();
      }
    }
    return n;
  }

  /**
   * Tells whether the flows of this loop hold {@link #HELD_BUDGET} buffers or more: a flow that
   * holds some already then waits for its sink before it reads again.
   *
   * @return {@code true} if over the budget
   */
  boolean overBudget() {
    return held >= HELD_BUDGET;
  }

  ByteBuffer[] buffers() {
    return buffers;
  }

  int filled() {
    return filled;
  }

  /**
   * Tells whether the last read filled every buffer it had, so that more bytes may be waiting.
   *
   * @return {@code true} if it did
   */
  boolean wasFull() {
    return full;
  }

  /**
   * Hands the filled buffers that still hold bytes to a flow's queue, replacing them in the set.
   *
   * @param held the queue that takes them
   * @return the bytes handed over
   */
  long keepUnwritten(ArrayDeque<ByteBuffer> held) {
    long kept = 0;
    for (int i = 0; i < filled; i++) {
      if (buffers[i].hasRemaining()) {
        kept += buffers[i].remaining();
        held.add(buffers[i]);
        this.held++;
        buffers[i] = pool.take();
      }
    }
    filled = 0;
    return kept;
  }

  /**
   * Writes the queued buffers with gathering writes until the channel takes no more, returning each
   * emptied buffer to the pool.
   *
   * @param held the queue, head first
   * @param sink the channel to write
   * @return the bytes written
   * @throws IOException if the write fails
   */
  long writeHeld(ArrayDeque<ByteBuffer> held, SocketChannel sink) throws IOException {
    long total = 0;
    while (!held.isEmpty()) {
      int count = 0;
      for (ByteBuffer buffer : held) {
        if (count == gather.length) {
          break;
        }
        gather[count++] = buffer;
      }
      long written = count == 1 ? sink.write(gather[0]) : sink.write(gather, 0, count);
      Arrays.fill(gather, 0, count, null);
      total += written;
      int emptied = 0;
      while (!held.isEmpty() && !held.peek().hasRemaining()) {
        pool.give(held.poll());
        this.held--;
        emptied++;
      }
      if (emptied < count) {
        break;
      }
    }
    return total;
  }

  /**
   * Returns buffers a closed connection held to the pool.
   *
   * @param held the queue to empty
   */
  void release(ArrayDeque<ByteBuffer> held) {
    ByteBuffer buffer;
    while ((buffer = held.poll()) != null) {
      pool.give(buffer);
      this.held--;
    }
  }
}
