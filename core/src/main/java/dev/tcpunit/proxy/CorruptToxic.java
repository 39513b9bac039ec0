package dev.tcpunit.proxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * tcpunit's {@code corrupt} (also in recent Toxiproxy versions): every bit of the data is flipped
 * with {@code probability}, independently, using the proxy's seeded generator.
 *
 * <p>Attribute: {@code probability}, 0.0-1.0.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CorruptToxic extends Toxic {

  private final double probability;

  CorruptToxic(Common common, double probability) {
    super(common);
    this.probability = Checks.requireProbability("probability", probability);
  }

  /**
   * The probability that a bit is flipped.
   *
   * @return 0.0-1.0
   */
  public double probability() {
    return probability;
  }

  @Override
  public String type() {
    return "corrupt";
  }

  @Override
  public Map<String, Number> attributes() {
    return attributes("probability", probability);
  }

  @Override
  public CorruptToxic named(String name) {
    return new CorruptToxic(common.named(name), probability);
  }

  @Override
  public CorruptToxic stream(Direction stream) {
    return new CorruptToxic(common.stream(stream), probability);
  }

  @Override
  public CorruptToxic upstream() {
    return stream(Direction.UPSTREAM);
  }

  @Override
  public CorruptToxic downstream() {
    return stream(Direction.DOWNSTREAM);
  }

  @Override
  public CorruptToxic toxicity(double toxicity) {
    return new CorruptToxic(common.toxicity(toxicity), probability);
  }
}
