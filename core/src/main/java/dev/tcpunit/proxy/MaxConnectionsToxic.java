package dev.tcpunit.proxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * tcpunit's {@code max_connections}: at most {@code connections} relayed connections may be open at
 * once; a client connecting beyond the limit is accepted and reset at once (RST), and the probe
 * records {@link dev.tcpunit.probe.ConnectionEnd#PROXY_FAULT} with the toxic's name. A
 * connection-level toxic: its stream is ignored.
 *
 * <p>Attribute: {@code connections}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MaxConnectionsToxic extends Toxic {

  private final int connections;

  MaxConnectionsToxic(Common common, int connections) {
    super(common);
    this.connections = (int) Checks.requireAtLeast("connections", connections, 0);
  }

  /**
   * The limit of concurrently open connections.
   *
   * @return the limit
   */
  public int connections() {
    return connections;
  }

  @Override
  public String type() {
    return "max_connections";
  }

  @Override
  public Map<String, Number> attributes() {
    return attributes("connections", connections);
  }

  @Override
  public boolean isConnectionLevel() {
    return true;
  }

  @Override
  public MaxConnectionsToxic named(String name) {
    return new MaxConnectionsToxic(common.named(name), connections);
  }

  @Override
  public MaxConnectionsToxic stream(Direction stream) {
    return new MaxConnectionsToxic(common.stream(stream), connections);
  }

  @Override
  public MaxConnectionsToxic upstream() {
    return stream(Direction.UPSTREAM);
  }

  @Override
  public MaxConnectionsToxic downstream() {
    return stream(Direction.DOWNSTREAM);
  }

  @Override
  public MaxConnectionsToxic toxicity(double toxicity) {
    return new MaxConnectionsToxic(common.toxicity(toxicity), connections);
  }
}
