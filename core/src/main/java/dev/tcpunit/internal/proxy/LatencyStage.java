package dev.tcpunit.internal.proxy;

import dev.tcpunit.proxy.LatencyToxic;
import dev.tcpunit.proxy.Toxic;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Delays each chunk by the latency plus or minus a uniform jitter, from its arrival; a chunk never
 * overtakes an earlier one.
 */
final class LatencyStage extends QueueStage {

  /** When each held chunk arrived, in queue order, to re-time it on an update. */
  private final ArrayDeque<Long> arrivals = new ArrayDeque<>();

  private long latency;
  private long jitter;
  private long lastDue = Long.MIN_VALUE;

  LatencyStage(String name, StageContext context, Receiver next, long latency, long jitter) {
    super(name, context, next);
    this.latency = latency;
    this.jitter = jitter;
  }

  @Override
  void accepted(Chunk chunk, long now) {
    arrivals.add(chunk.arrival);
    chunk.arrival = due(chunk.arrival);
  }

  private long due(long arrival) {
    long delay = latency;
    if (jitter > 0) {
      delay += context.random().nextLong(-jitter, jitter + 1);
    }
    long due = arrival + Math.max(0, delay);
    if (due < lastDue) {
      due = lastDue;
    }
    lastDue = due;
    return due;
  }

  /** The held chunks become due at their arrival plus the new latency, still in order. */
  @Override
  void update(Toxic toxic, long now) {
    LatencyToxic t = (LatencyToxic) toxic;
    latency = t.latency().toNanos();
    jitter = t.jitter().toNanos();
    lastDue = Long.MIN_VALUE;
    Iterator<Long> arrival = arrivals.iterator();
    for (Chunk chunk : queue) {
      chunk.arrival = due(arrival.next());
    }
    pump(now);
  }

  @Override
  long releaseHead(long now) {
    Chunk head = queue.peek();
    if (head.arrival > now) {
      return head.arrival;
    }
    queue.poll();
    arrivals.poll();
    next.offer(head, now);
    return RELEASED;
  }
}
