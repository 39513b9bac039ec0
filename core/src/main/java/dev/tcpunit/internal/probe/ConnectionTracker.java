package dev.tcpunit.internal.probe;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionRecord;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The live state of one recorded connection. The engine reports bytes and the end; the first end
 * reported wins. Safe to call from any thread.
 */
public final class ConnectionTracker {

  private final RecordingProbe probe;
  private final int index;
  private final InetSocketAddress client;
  private final InetSocketAddress server;
  private final long openedNanos;
  private final AtomicLong bytesIn = new AtomicLong();
  private final AtomicLong bytesOut = new AtomicLong();
  private final AtomicLong firstByteNanos = new AtomicLong(-1);
  private final AtomicLong handshakeNanos = new AtomicLong(-1);
  private volatile long endedNanos = -1;
  private volatile ConnectionEnd end = ConnectionEnd.OPEN;
  private volatile @Nullable String detail;

  ConnectionTracker(
      RecordingProbe probe,
      int index,
      InetSocketAddress client,
      InetSocketAddress server,
      long openedNanos) {
    this.probe = probe;
    this.index = index;
    this.client = client;
    this.server = server;
    this.openedNanos = openedNanos;
  }

  /**
   * The connection's number in its probe, from 1.
   *
   * @return the index
   */
  public int index() {
    return index;
  }

  /**
   * Counts bytes received from the client; the first call with a positive count marks the first
   * byte.
   *
   * @param n bytes received
   */
  public void received(long n) {
    if (n <= 0) {
      return;
    }
    if (firstByteNanos.get() < 0) {
      firstByteNanos.compareAndSet(-1, probe.elapsedNanos());
    }
    bytesIn.addAndGet(n);
  }

  /** Marks the completion of the TLS handshake; only the first call counts. */
  public void handshakeCompleted() {
    handshakeNanos.compareAndSet(-1, probe.elapsedNanos());
  }

  /**
   * Counts bytes sent to the client.
   *
   * @param n bytes sent
   */
  public void sent(long n) {
    if (n > 0) {
      bytesOut.addAndGet(n);
    }
  }

  /**
   * Records how the connection ended, unless an end was already recorded.
   *
   * @param how the end; not {@link ConnectionEnd#OPEN}
   * @param why what ended it in words, or {@code null}
   * @return {@code true} if this call recorded the end
   */
  public boolean end(ConnectionEnd how, @Nullable String why) {
    if (how == ConnectionEnd.OPEN) {
      throw new IllegalArgumentException("how: OPEN (expected: an end)");
    }
    synchronized (this) {
      if (end != ConnectionEnd.OPEN) {
        return false;
      }
      endedNanos = probe.elapsedNanos();
      detail = why;
      end = how;
    }
    probe.changed();
    return true;
  }

  /**
   * Records how the connection ended, with no detail.
   *
   * @param how the end
   * @return {@code true} if this call recorded the end
   */
  public boolean end(ConnectionEnd how) {
    return end(how, null);
  }

  /**
   * Tells whether an end was recorded.
   *
   * @return {@code true} once the connection ended
   */
  public boolean isEnded() {
    return end != ConnectionEnd.OPEN;
  }

  synchronized ConnectionRecord snapshot() {
    return RecordingProbe.record(
        index,
        client,
        server,
        openedNanos,
        firstByteNanos.get(),
        handshakeNanos.get(),
        endedNanos,
        bytesIn.get(),
        bytesOut.get(),
        end,
        detail);
  }
}
