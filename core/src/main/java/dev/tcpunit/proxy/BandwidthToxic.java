package dev.tcpunit.proxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Toxiproxy's {@code bandwidth}: data passes at no more than {@code rate} kilobytes per second (1
 * KB = 1000 bytes), in pieces of at most a tenth of a second's worth.
 *
 * <p>Attribute: {@code rate} in KB/s.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BandwidthToxic extends Toxic {

  private final long rate;

  BandwidthToxic(Common common, long rate) {
    super(common);
    this.rate = Checks.requireAtLeast("rate", rate, 1);
  }

  /**
   * The rate cap.
   *
   * @return the rate in KB/s
   */
  public long rate() {
    return rate;
  }

  @Override
  public String type() {
    return "bandwidth";
  }

  @Override
  public Map<String, Number> attributes() {
    return attributes("rate", rate);
  }

  @Override
  public BandwidthToxic named(String name) {
    return new BandwidthToxic(common.named(name), rate);
  }

  @Override
  public BandwidthToxic stream(Direction stream) {
    return new BandwidthToxic(common.stream(stream), rate);
  }

  @Override
  public BandwidthToxic upstream() {
    return stream(Direction.UPSTREAM);
  }

  @Override
  public BandwidthToxic downstream() {
    return stream(Direction.DOWNSTREAM);
  }

  @Override
  public BandwidthToxic toxicity(double toxicity) {
    return new BandwidthToxic(common.toxicity(toxicity), rate);
  }
}
