package dev.tcpunit.proxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import java.time.Duration;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Toxiproxy's {@code timeout}: no data passes any more in the toxic's direction, and the connection
 * is closed (FIN both ways) once {@code timeout} has passed; the probe records {@link
 * dev.tcpunit.probe.ConnectionEnd#TIMEOUT}. With a timeout of 0 the connection is never closed by
 * the toxic and data stays stopped until the toxic is removed; removing a timeout toxic closes the
 * connections it held, as in Toxiproxy.
 *
 * <p>Attribute: {@code timeout} in milliseconds, 0 meaning forever.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TimeoutToxic extends Toxic {

  private final Duration timeout;

  private TimeoutToxic(Common common, Duration timeout) {
    super(common);
    this.timeout = timeout;
  }

  static TimeoutToxic of(Duration timeout) {
    return new TimeoutToxic(Common.DEFAULT, Checks.requireDelay("timeout", timeout));
  }

  /**
   * The time until the connection is closed; zero for never.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public String type() {
    return "timeout";
  }

  @Override
  public Map<String, Number> attributes() {
    return attributes("timeout", timeout.toMillis());
  }

  @Override
  public TimeoutToxic named(String name) {
    return new TimeoutToxic(common.named(name), timeout);
  }

  @Override
  public TimeoutToxic stream(Direction stream) {
    return new TimeoutToxic(common.stream(stream), timeout);
  }

  @Override
  public TimeoutToxic upstream() {
    return stream(Direction.UPSTREAM);
  }

  @Override
  public TimeoutToxic downstream() {
    return stream(Direction.DOWNSTREAM);
  }

  @Override
  public TimeoutToxic toxicity(double toxicity) {
    return new TimeoutToxic(common.toxicity(toxicity), timeout);
  }
}
