package dev.tcpunit.internal.proxy;

import dev.tcpunit.proxy.BandwidthToxic;
import dev.tcpunit.proxy.BlackHoleToxic;
import dev.tcpunit.proxy.CorruptToxic;
import dev.tcpunit.proxy.LatencyToxic;
import dev.tcpunit.proxy.LimitDataToxic;
import dev.tcpunit.proxy.ResetPeerToxic;
import dev.tcpunit.proxy.SlicerToxic;
import dev.tcpunit.proxy.SlowCloseToxic;
import dev.tcpunit.proxy.TimeoutToxic;
import dev.tcpunit.proxy.Toxic;
import org.jspecify.annotations.Nullable;

/** Creates the stage that carries out a stream toxic. */
final class Stages {

  private Stages() {}

  /**
   * Creates a stage.
   *
   * @param toxic the toxic
   * @param context the direction it acts on
   * @param sink the receiver at the end of the direction's pipeline
   * @param now the instant the toxic starts acting
   * @return the stage, or {@code null} for a connection-level toxic, which has none
   */
  static @Nullable Stage create(Toxic toxic, StageContext context, Receiver sink, long now) {
    String name = toxic.name();
    if (toxic instanceof LatencyToxic t) {
      return new LatencyStage(name, context, sink, t.latency().toNanos(), t.jitter().toNanos());
    } else if (toxic instanceof BandwidthToxic t) {
      return new BandwidthStage(name, context, sink, t.rate());
    } else if (toxic instanceof SlowCloseToxic t) {
      return new SlowCloseStage(name, context, sink, t.delay().toNanos());
    } else if (toxic instanceof TimeoutToxic t) {
      return new TimeoutStage(name, context, sink, t.timeout().toNanos(), now);
    } else if (toxic instanceof ResetPeerToxic t) {
      return new ResetPeerStage(name, context, sink, t.timeout().toNanos());
    } else if (toxic instanceof SlicerToxic t) {
      return new SlicerStage(
          name, context, sink, t.averageSize(), t.sizeVariation(), t.delay().toNanos());
    } else if (toxic instanceof LimitDataToxic t) {
      return new LimitDataStage(name, context, sink, t.bytes());
    } else if (toxic instanceof BlackHoleToxic) {
      return new BlackHoleStage(name, context, sink);
    } else if (toxic instanceof CorruptToxic t) {
      return new CorruptStage(name, context, sink, t.probability());
    }
    return null;
  }
}
