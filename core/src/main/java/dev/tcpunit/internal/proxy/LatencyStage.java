package dev.tcpunit.internal.proxy;

/**
 * Delays each chunk by the latency plus or minus a uniform jitter, from its arrival; a chunk never
 * overtakes an earlier one.
 */
final class LatencyStage extends QueueStage {

  private final long latency;
  private final long jitter;
  private long lastDue = Long.MIN_VALUE;

  LatencyStage(String name, StageContext context, Receiver next, long latency, long jitter) {
    super(name, context, next);
    this.latency = latency;
    this.jitter = jitter;
  }

  @Override
  void accepted(Chunk chunk, long now) {
    long delay = latency;
    if (jitter > 0) {
      delay += context.random().nextLong(-jitter, jitter + 1);
    }
    long due = chunk.arrival + Math.max(0, delay);
    if (due < lastDue) {
      due = lastDue;
    }
    lastDue = due;
    chunk.arrival = due;
  }

  @Override
  long releaseHead(long now) {
    Chunk head = queue.peek();
    if (head.arrival > now) {
      return head.arrival;
    }
    queue.poll();
    next.offer(head, now);
    return RELEASED;
  }
}
