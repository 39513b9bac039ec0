package dev.tcpunit.proxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * tcpunit's {@code black_hole}: the proxy keeps reading in the toxic's direction and discards
 * everything, including the end of stream, so the other side never hears anything: on the default
 * downstream the client's requests reach the service but no answer ever comes back. Nothing is
 * closed by the toxic; data that arrives after it is removed flows again.
 *
 * <p>No attributes.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BlackHoleToxic extends Toxic {

  BlackHoleToxic(Common common) {
    super(common);
  }

  @Override
  public String type() {
    return "black_hole";
  }

  @Override
  public Map<String, Number> attributes() {
    return Map.of();
  }

  @Override
  public BlackHoleToxic named(String name) {
    return new BlackHoleToxic(common.named(name));
  }

  @Override
  public BlackHoleToxic stream(Direction stream) {
    return new BlackHoleToxic(common.stream(stream));
  }

  @Override
  public BlackHoleToxic upstream() {
    return stream(Direction.UPSTREAM);
  }

  @Override
  public BlackHoleToxic downstream() {
    return stream(Direction.DOWNSTREAM);
  }

  @Override
  public BlackHoleToxic toxicity(double toxicity) {
    return new BlackHoleToxic(common.toxicity(toxicity));
  }
}
