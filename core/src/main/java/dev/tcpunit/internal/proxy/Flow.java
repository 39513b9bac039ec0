package dev.tcpunit.internal.proxy;

import dev.tcpunit.internal.engine.ScheduledTask;
import dev.tcpunit.proxy.Direction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * One direction of a relayed connection: reads its source, passes the bytes through the toxic
 * stages and writes them to its sink. With no toxic, a read is written at once from the loop's
 * buffer, with no copy; otherwise bytes are copied into chunks that the stages hold and release.
 * Loop-confined.
 */
final class Flow implements Receiver, StageContext {

  /** Bytes held in stages and waiting to be written before the source stops being read. */
  private static final long QUEUE_LIMIT = 1 << 20;

  /** The most reads of one source in one turn of the loop. */
  private static final int READS_PER_TURN = 8;

  final Direction direction;
  final Pipeline pipeline = new Pipeline(this);
  private final Relay relay;
  private final ArrayDeque<Chunk> outbox = new ArrayDeque<>();
  private final ArrayDeque<ByteBuffer> held = new ArrayDeque<>();
  private long heldBytes;
  private long queued;
  private boolean sourceEnded;
  private boolean endReceived;
  private @Nullable Fault closeFault;
  private boolean outputShut;
  private @Nullable SplittableRandom random;
  private @Nullable ScheduledTask timer;
  private long timerDeadline;

  Flow(Relay relay, Direction direction) {
    this.relay = relay;
    this.direction = direction;
  }

  private SocketChannel source() {
    return direction == Direction.UPSTREAM ? relay.client : relay.upstream();
  }

  private SocketChannel sink() {
    return direction == Direction.UPSTREAM ? relay.upstream() : relay.client;
  }

  boolean wantsRead() {
    return !sourceEnded
        && heldBytes + queued < QUEUE_LIMIT
        && (held.isEmpty()
            || held.size() < ReadSet.MAX_BUFFERS && !relay.context.reads.overBudget());
  }

  boolean wantsWrite() {
    return !held.isEmpty() || !outbox.isEmpty();
  }

  boolean isOutputShut() {
    return outputShut;
  }

  /**
   * Reads from the source and passes the bytes on, again while a read fills every buffer it had and
   * the bytes could be passed on: a busy source is drained in one turn of the loop, a bounded
   * number of reads at a time so that other connections get their turn.
   */
  void read() {
    for (int i = 0; i < READS_PER_TURN && wantsRead() && !relay.isClosed(); i++) {
      if (!readOnce()) {
        return;
      }
    }
  }

  /**
   * Reads once from the source, into as many of the loop's buffers as it has bytes for, and passes
   * the bytes on. Without a toxic they are written from those buffers with one gathering write;
   * what the sink does not take stays in the buffers, queued, and the loop reads into fresh ones.
   *
   * @return {@code true} if the read filled its buffers and everything was passed on, so that more
   *     may be waiting
   */
  private boolean readOnce() {
    ReadSet reads = relay.context.reads;
    long n;
    try {
      n = reads.read(source());
    } catch (IOException e) {
      relay.peerFailed(direction, e);
      return false;
    }
    if (n <= 0) {
      if (n < 0) {
        sourceEnded = true;
        relay.sawFin(direction);
        long now = System.nanoTime();
        pipeline.end(now, null);
        afterPipeline(now);
      }
      return false;
    }
    if (direction == Direction.UPSTREAM) {
      relay.tracker.received(n);
    }
    ByteBuffer[] buffers = reads.buffers();
    int filled = reads.filled();
    boolean full = reads.wasFull();
    if (full) {
      relay.context.loop.streaming();
    }
    if (pipeline.isEmpty() && outbox.isEmpty() && !endReceived) {
      boolean wasHolding = !held.isEmpty();
      try {
        if (held.isEmpty()) {
          long written = filled == 1 ? sink().write(buffers[0]) : sink().write(buffers, 0, filled);
          sent(written);
        }
        heldBytes += reads.keepUnwritten(held);
        if (!held.isEmpty()) {
          // Once more: on loopback the peer often made room while the first write returned.
          writeHeld();
        }
      } catch (IOException e) {
        relay.peerFailed(direction.opposite(), e);
        return false;
      }
      if (wasHolding || !held.isEmpty()) {
        // Only bytes held, or no longer held, change what this flow waits for.
        relay.updateInterest();
      }
      return full && held.isEmpty();
    }
    long now = System.nanoTime();
    queued += n;
    for (int i = 0; i < filled; i++) {
      pipeline.offer(Chunk.copyOf(buffers[i], now), now);
    }
    afterPipeline(now);
    return full;
  }

  private void writeHeld() throws IOException {
    long written = relay.context.reads.writeHeld(held, sink());
    heldBytes -= written;
    sent(written);
  }

  /** Writes what waits, as the sink became writable. */
  void writable() {
    afterPipeline(System.nanoTime());
  }

  /**
   * Writes what the stages released, passes on the end, arms the timer of the next deadline and
   * updates the channels' interest.
   */
  void afterPipeline(long now) {
    if (relay.isClosed()) {
      return;
    }
    flush();
    if (relay.isClosed()) {
      return;
    }
    armTimer(now);
    relay.updateInterest();
  }

  private void flush() {
    if (!relay.isConnected()) {
      if (endReceived && closeFault != null) {
        relay.close(closeFault);
      }
      return;
    }
    try {
      if (!held.isEmpty()) {
        writeHeld();
        if (!held.isEmpty()) {
          return;
        }
      }
      while (!outbox.isEmpty()) {
        Chunk head = outbox.peek();
        int written = sink().write(head.data);
        queued -= written;
        sent(written);
        if (head.data.hasRemaining()) {
          return;
        }
        outbox.poll();
      }
      if (endReceived && !outputShut) {
        if (closeFault != null) {
          relay.close(closeFault);
          return;
        }
        outputShut = true;
        sink().shutdownOutput();
        relay.outputShut();
      }
    } catch (IOException e) {
      relay.peerFailed(direction.opposite(), e);
    }
  }

  private void sent(long written) {
    if (direction == Direction.DOWNSTREAM) {
      relay.tracker.sent(written);
    }
  }

  private void armTimer(long now) {
    long deadline = pipeline.deadline();
    if (deadline == Stage.NEVER || (timer != null && timerDeadline <= deadline)) {
      return;
    }
    if (timer != null) {
      timer.cancel();
    }
    timerDeadline = deadline;
    timer = relay.context.loop.schedule(Duration.ofNanos(deadline - now), this::onTimer);
  }

  private void onTimer() {
    timer = null;
    if (relay.isClosed()) {
      return;
    }
    long now = System.nanoTime();
    pipeline.runDue(now);
    afterPipeline(now);
  }

  /** Lets go of everything: the connection is closed. */
  void release() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    relay.context.reads.release(held);
    heldBytes = 0;
    pipeline.clear();
    outbox.clear();
  }

  @Override
  public void offer(Chunk chunk, long now) {
    if (!endReceived) {
      outbox.add(chunk);
    } else {
      queued -= chunk.size();
    }
  }

  @Override
  public void end(long now, @Nullable Fault fault) {
    if (!endReceived) {
      endReceived = true;
      closeFault = fault;
    }
  }

  @Override
  public SplittableRandom random() {
    SplittableRandom r = random;
    if (r == null) {
      r = relay.context.core.random().forStream(relay.number, direction);
      random = r;
    }
    return r;
  }

  @Override
  public void dropped(int bytes) {
    queued -= bytes;
  }

  @Override
  public void reset(Fault fault) {
    relay.reset(fault);
  }
}
