package dev.tcpunit.proxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import java.time.Duration;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Toxiproxy's {@code reset_peer}: when the first data arrives in the toxic's direction, the proxy
 * waits {@code timeout}, then aborts the connection with a real RST on both sides (unlike
 * Toxiproxy, also when the toxic is added to an open connection). The data is not forwarded.
 *
 * <p>Attribute: {@code timeout} in milliseconds.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ResetPeerToxic extends Toxic {

  private final Duration timeout;

  private ResetPeerToxic(Common common, Duration timeout) {
    super(common);
    this.timeout = timeout;
  }

  static ResetPeerToxic of(Duration timeout) {
    return new ResetPeerToxic(Common.DEFAULT, Checks.requireDelay("timeout", timeout));
  }

  /**
   * The time from the first data to the reset.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public String type() {
    return "reset_peer";
  }

  @Override
  public Map<String, Number> attributes() {
    return attributes("timeout", timeout.toMillis());
  }

  @Override
  public ResetPeerToxic named(String name) {
    return new ResetPeerToxic(common.named(name), timeout);
  }

  @Override
  public ResetPeerToxic stream(Direction stream) {
    return new ResetPeerToxic(common.stream(stream), timeout);
  }

  @Override
  public ResetPeerToxic upstream() {
    return stream(Direction.UPSTREAM);
  }

  @Override
  public ResetPeerToxic downstream() {
    return stream(Direction.DOWNSTREAM);
  }

  @Override
  public ResetPeerToxic toxicity(double toxicity) {
    return new ResetPeerToxic(common.toxicity(toxicity), timeout);
  }
}
