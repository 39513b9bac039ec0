package dev.tcpunit.proxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import java.time.Duration;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * tcpunit's {@code connect_delay}: each new client connection is accepted at once, but the proxy
 * connects to the upstream service only after {@code delay}; what the client sends meanwhile waits.
 * A connection-level toxic: its stream is ignored.
 *
 * <p>Attribute: {@code delay} in milliseconds.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ConnectDelayToxic extends Toxic {

  private final Duration delay;

  private ConnectDelayToxic(Common common, Duration delay) {
    super(common);
    this.delay = delay;
  }

  static ConnectDelayToxic of(Duration delay) {
    return new ConnectDelayToxic(Common.DEFAULT, Checks.requireDelay("delay", delay));
  }

  /**
   * The delay before connecting upstream.
   *
   * @return the delay
   */
  public Duration delay() {
    return delay;
  }

  @Override
  public String type() {
    return "connect_delay";
  }

  @Override
  public Map<String, Number> attributes() {
    return attributes("delay", delay.toMillis());
  }

  @Override
  public boolean isConnectionLevel() {
    return true;
  }

  @Override
  public ConnectDelayToxic named(String name) {
    return new ConnectDelayToxic(common.named(name), delay);
  }

  @Override
  public ConnectDelayToxic stream(Direction stream) {
    return new ConnectDelayToxic(common.stream(stream), delay);
  }

  @Override
  public ConnectDelayToxic upstream() {
    return stream(Direction.UPSTREAM);
  }

  @Override
  public ConnectDelayToxic downstream() {
    return stream(Direction.DOWNSTREAM);
  }

  @Override
  public ConnectDelayToxic toxicity(double toxicity) {
    return new ConnectDelayToxic(common.toxicity(toxicity), delay);
  }
}
