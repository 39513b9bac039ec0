package dev.tcpunit.assertj;

import dev.tcpunit.internal.probe.ConnectionTracker;
import dev.tcpunit.internal.probe.RecordingProbe;
import dev.tcpunit.probe.ConnectionEnd;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real recording probe on a fake clock, with fixed loopback addresses: client ports count up
 * from 50001, the server is 127.0.0.1:41000. Instants are given in milliseconds since the start.
 */
final class FakeProbe {

  static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 41000);

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final long start = nanos.get();
  private final RecordingProbe probe = new RecordingProbe(nanos::get);
  private int nextPort = 50001;

  /** The usual scenario: #1 reset by the server after a request, #2 answered and closed. */
  static FakeProbe resetThenAnswered() {
    return new FakeProbe()
        .ended(0.5, 78, 0, 12.5, ConnectionEnd.SERVER_RESET)
        .ended(113, 78, 19, 130, ConnectionEnd.CLIENT_FIN);
  }

  /** A client that retried after resets with the given delays (ms); each attempt lasts 10 ms. */
  static FakeProbe retriedWithDelays(double... delays) {
    FakeProbe fake = new FakeProbe();
    double at = 0;
    fake.ended(at, 10, 0, at + 10, ConnectionEnd.SERVER_RESET);
    at += 10;
    for (double delay : delays) {
      at += delay;
      fake.ended(at, 10, 0, at + 10, ConnectionEnd.SERVER_RESET);
      at += 10;
    }
    return fake;
  }

  RecordingProbe probe() {
    return probe;
  }

  /** Records a connection that opened, moved bytes and ended. */
  FakeProbe ended(double openMs, long in, long out, double endMs, ConnectionEnd end) {
    return ended(openMs, in, out, endMs, end, null);
  }

  /** Records a connection that opened, moved bytes and ended, with a detail. */
  FakeProbe ended(
      double openMs, long in, long out, double endMs, ConnectionEnd end, String detail) {
    ConnectionTracker tracker = open(openMs, in, out);
    at(endMs);
    tracker.end(end, detail);
    return this;
  }

  /** Opens a connection that stays open. */
  ConnectionTracker open(double openMs, long in, long out) {
    at(openMs);
    ConnectionTracker tracker = probe.open(new InetSocketAddress("127.0.0.1", nextPort++), SERVER);
    tracker.received(in);
    tracker.sent(out);
    return tracker;
  }

  private void at(double millis) {
    nanos.set(start + Math.round(millis * 1_000_000));
  }
}
