package dev.tcpunit.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionRecord;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RecordingProbe with an injected clock")
class RecordingProbeClockTest {

  private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50001);
  private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 41000);

  @Test
  @DisplayName("records every instant as an offset from the clock's value at creation")
  void instantsComeFromTheClock() {
    AtomicLong nanos = new AtomicLong(5_000_000_000L);
    RecordingProbe probe = new RecordingProbe(nanos::get);

    nanos.addAndGet(1_000_000);
    ConnectionTracker tracker = probe.open(CLIENT, SERVER);
    nanos.addAndGet(2_000_000);
    tracker.received(10);
    nanos.addAndGet(3_000_000);
    tracker.end(ConnectionEnd.SERVER_RESET, "script");

    ConnectionRecord record = probe.connection(1);
    assertThat(record.opened()).isEqualTo(Duration.ofMillis(1));
    assertThat(record.firstByteAt()).contains(Duration.ofMillis(3));
    assertThat(record.endedAt()).contains(Duration.ofMillis(6));
    assertThat(record.duration()).contains(Duration.ofMillis(5));
  }
}
