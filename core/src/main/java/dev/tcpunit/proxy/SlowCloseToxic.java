package dev.tcpunit.proxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import java.time.Duration;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Toxiproxy's {@code slow_close}: when the stream ends (FIN), the end is held for {@code delay}
 * before it is passed on. Data flows as usual. The other direction stays open meanwhile: tcpunit
 * preserves half-closed connections.
 *
 * <p>Attribute: {@code delay} in milliseconds.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SlowCloseToxic extends Toxic {

  private final Duration delay;

  private SlowCloseToxic(Common common, Duration delay) {
    super(common);
    this.delay = delay;
  }

  static SlowCloseToxic of(Duration delay) {
    return new SlowCloseToxic(Common.DEFAULT, Checks.requireDelay("delay", delay));
  }

  /**
   * How long the end of stream is held.
   *
   * @return the delay
   */
  public Duration delay() {
    return delay;
  }

  @Override
  public String type() {
    return "slow_close";
  }

  @Override
  public Map<String, Number> attributes() {
    return attributes("delay", delay.toMillis());
  }

  @Override
  public SlowCloseToxic named(String name) {
    return new SlowCloseToxic(common.named(name), delay);
  }

  @Override
  public SlowCloseToxic stream(Direction stream) {
    return new SlowCloseToxic(common.stream(stream), delay);
  }

  @Override
  public SlowCloseToxic upstream() {
    return stream(Direction.UPSTREAM);
  }

  @Override
  public SlowCloseToxic downstream() {
    return stream(Direction.DOWNSTREAM);
  }

  @Override
  public SlowCloseToxic toxicity(double toxicity) {
    return new SlowCloseToxic(common.toxicity(toxicity), delay);
  }
}
