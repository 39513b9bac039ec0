package dev.tcpunit.proxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Toxiproxy's {@code limit_data}: the first {@code bytes} bytes of each connection in the toxic's
 * direction pass, then the connection is closed (FIN both ways); the probe records {@link
 * dev.tcpunit.probe.ConnectionEnd#PROXY_FAULT} with the toxic's name. Bytes that passed before the
 * toxic was added do not count.
 *
 * <p>Attribute: {@code bytes}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LimitDataToxic extends Toxic {

  private final long bytes;

  LimitDataToxic(Common common, long bytes) {
    super(common);
    this.bytes = Checks.requireAtLeast("bytes", bytes, 0);
  }

  /**
   * The bytes let through per connection.
   *
   * @return the limit in bytes
   */
  public long bytes() {
    return bytes;
  }

  @Override
  public String type() {
    return "limit_data";
  }

  @Override
  public Map<String, Number> attributes() {
    return attributes("bytes", bytes);
  }

  @Override
  public LimitDataToxic named(String name) {
    return new LimitDataToxic(common.named(name), bytes);
  }

  @Override
  public LimitDataToxic stream(Direction stream) {
    return new LimitDataToxic(common.stream(stream), bytes);
  }

  @Override
  public LimitDataToxic upstream() {
    return stream(Direction.UPSTREAM);
  }

  @Override
  public LimitDataToxic downstream() {
    return stream(Direction.DOWNSTREAM);
  }

  @Override
  public LimitDataToxic toxicity(double toxicity) {
    return new LimitDataToxic(common.toxicity(toxicity), bytes);
  }
}
