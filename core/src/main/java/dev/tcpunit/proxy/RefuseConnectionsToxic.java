package dev.tcpunit.proxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * tcpunit's {@code refuse_connections}: new connections are refused; open ones go on. With toxicity
 * 1.0 the proxy stops listening, so a connect fails with "connection refused"; with a lower
 * toxicity, since a listener cannot refuse selectively, each new connection is with that
 * probability accepted and reset at once (RST) before any data. Removing the toxic listens again on
 * the same port. A connection-level toxic: its stream is ignored.
 *
 * <p>No attributes.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RefuseConnectionsToxic extends Toxic {

  RefuseConnectionsToxic(Common common) {
    super(common);
  }

  @Override
  public String type() {
    return "refuse_connections";
  }

  @Override
  public Map<String, Number> attributes() {
    return Map.of();
  }

  @Override
  public boolean isConnectionLevel() {
    return true;
  }

  @Override
  public RefuseConnectionsToxic named(String name) {
    return new RefuseConnectionsToxic(common.named(name));
  }

  @Override
  public RefuseConnectionsToxic stream(Direction stream) {
    return new RefuseConnectionsToxic(common.stream(stream));
  }

  @Override
  public RefuseConnectionsToxic upstream() {
    return stream(Direction.UPSTREAM);
  }

  @Override
  public RefuseConnectionsToxic downstream() {
    return stream(Direction.DOWNSTREAM);
  }

  @Override
  public RefuseConnectionsToxic toxicity(double toxicity) {
    return new RefuseConnectionsToxic(common.toxicity(toxicity));
  }
}
