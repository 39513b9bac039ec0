package dev.tcpunit.proxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A toxic added to a {@link FaultProxy}; removing it stops its effect on every connection at once,
 * with Toxiproxy's semantics (held data flows on; a removed {@code timeout} closes the connections
 * it held).
 *
 * <pre>{@code
 * try (ToxicHandle slow = proxy.add(Toxic.latency(500))) {
 *   // calls are slow here
 * }
 * // and fast again here
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ToxicHandle extends AutoCloseable {

  /**
   * The toxic as it was added or last {@linkplain #update updated}.
   *
   * @return the toxic
   */
  Toxic toxic();

  /**
   * Changes the toxic's attributes and toxicity in place, as {@link FaultProxy#update(Toxic)} does;
   * the toxic keeps its name, whatever the argument's.
   *
   * <pre>{@code
   * ToxicHandle slow = proxy.add(Toxic.latency(2_000));
   * slow.update(Toxic.latency(50)); // open connections are fast again
   * }</pre>
   *
   * @param toxic the toxic with the new attributes, of the same type and stream
   * @throws IllegalStateException if the toxic was removed
   * @throws IllegalArgumentException if its type or stream differs
   */
  void update(Toxic toxic);

  /**
   * Tells whether the toxic is still in place.
   *
   * @return {@code false} once it was removed, by this handle or by the proxy
   */
  boolean isActive();

  /**
   * Removes the toxic.
   *
   * @throws IllegalStateException if it was removed already
   */
  void remove();

  /** Removes the toxic unless it was removed already. */
  @Override
  void close();
}
