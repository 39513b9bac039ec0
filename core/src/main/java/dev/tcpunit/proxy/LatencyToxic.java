package dev.tcpunit.proxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import java.time.Duration;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Toxiproxy's {@code latency}: every chunk of data is delayed by {@code latency} plus or minus a
 * uniformly drawn {@code jitter}, counted from the chunk's arrival at the proxy. Chunks keep their
 * order: a chunk never overtakes an earlier one, whatever its jitter.
 *
 * <p>Attributes: {@code latency} and {@code jitter}, in milliseconds.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LatencyToxic extends Toxic {

  private final Duration latency;
  private final Duration jitter;

  private LatencyToxic(Common common, Duration latency, Duration jitter) {
    super(common);
    this.latency = latency;
    this.jitter = jitter;
  }

  static LatencyToxic of(long millis) {
    return of(Duration.ofMillis(Checks.requireAtLeast("latency", millis, 0)));
  }

  static LatencyToxic of(Duration latency) {
    return new LatencyToxic(Common.DEFAULT, Checks.requireDelay("latency", latency), Duration.ZERO);
  }

  /**
   * The same toxic with a jitter: each chunk's delay is drawn uniformly in {@code latency +-
   * jitter} (never below zero).
   *
   * @param millis the jitter in milliseconds; 0 to 100 years
   * @return a new toxic
   */
  public LatencyToxic jitter(long millis) {
    return jitter(Duration.ofMillis(Checks.requireAtLeast("jitter", millis, 0)));
  }

  /**
   * The same toxic with a jitter: each chunk's delay is drawn uniformly in {@code latency +-
   * jitter} (never below zero).
   *
   * @param jitter the jitter; 0 to 100 years
   * @return a new toxic
   */
  public LatencyToxic jitter(Duration jitter) {
    return new LatencyToxic(common, latency, Checks.requireDelay("jitter", jitter));
  }

  /**
   * The delay.
   *
   * @return the latency
   */
  public Duration latency() {
    return latency;
  }

  /**
   * The jitter around the delay.
   *
   * @return the jitter; zero by default
   */
  public Duration jitter() {
    return jitter;
  }

  @Override
  public String type() {
    return "latency";
  }

  @Override
  public Map<String, Number> attributes() {
    return attributes("latency", latency.toMillis(), "jitter", jitter.toMillis());
  }

  @Override
  public LatencyToxic named(String name) {
    return new LatencyToxic(common.named(name), latency, jitter);
  }

  @Override
  public LatencyToxic stream(Direction stream) {
    return new LatencyToxic(common.stream(stream), latency, jitter);
  }

  @Override
  public LatencyToxic upstream() {
    return stream(Direction.UPSTREAM);
  }

  @Override
  public LatencyToxic downstream() {
    return stream(Direction.DOWNSTREAM);
  }

  @Override
  public LatencyToxic toxicity(double toxicity) {
    return new LatencyToxic(common.toxicity(toxicity), latency, jitter);
  }
}
