package dev.tcpunit.proxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.probe.ConnectionProbe;
import java.net.InetSocketAddress;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A TCP proxy between a client and an upstream service that injects faults ({@link Toxic}s) into
 * the connections it relays and records every connection in its {@link ConnectionProbe}.
 *
 * <pre>{@code
 * try (FaultProxy proxy = InProcessProxy.start(database)) {
 *   proxy.add(Toxic.latency(200).jitter(50));
 *   // point the client at proxy.listenAddress()
 * }
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 *
 * A proxy listens from the moment it is created until {@link #close()}; {@link #disable()} and
 * {@link #enable()} take it down and up in between, as Toxiproxy's {@code enabled} flag does.
 *
 * <h2>Thread-safety</h2>
 *
 * Thread-safe: toxics may be added and removed from any thread while connections are relayed, and
 * take effect on the open connections at once.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface FaultProxy extends AutoCloseable {

  /**
   * The proxy's name, used in thread names and messages.
   *
   * @return the name
   */
  String name();

  /**
   * The address clients connect to.
   *
   * @return the listening address and port; the same after {@link #disable()} and {@link #enable()}
   */
  InetSocketAddress listenAddress();

  /**
   * The service the proxy relays to.
   *
   * @return the upstream address
   */
  InetSocketAddress upstream();

  /**
   * Adds a toxic; it acts on the open connections at once and on every later one.
   *
   * @param toxic the toxic
   * @return the handle that removes it
   * @throws IllegalArgumentException if a toxic with the same name is in place
   */
  ToxicHandle add(Toxic toxic);

  /**
   * Changes the attributes and toxicity of the toxic of the same name in place, as Toxiproxy's
   * {@code POST /proxies/{proxy}/toxics/{toxic}}: open connections get the new values at once, with
   * what the toxic holds kept (data delayed by a latency toxic is re-timed by the new latency; a
   * {@code limit_data} count goes on). A running timer ({@code timeout}, {@code reset_peer}, {@code
   * slow_close}) starts again from the update with the new duration. The toxicity is drawn again
   * for each open connection, with the same seeded draw, so it acts on more or fewer of them.
   *
   * <pre>{@code
   * proxy.add(Toxic.latency(2_000).named("slow"));
   * proxy.update(Toxic.latency(0).named("slow")); // held replies go out now
   * }</pre>
   *
   * @param toxic the toxic with the new attributes; its name picks the toxic in place
   * @throws IllegalArgumentException if no toxic of that name is in place, or its type or stream
   *     differs from the update's (remove it and add the new one to change those)
   */
  void update(Toxic toxic);

  /**
   * The toxics in place, in the order they were added.
   *
   * @return a snapshot
   */
  List<Toxic> toxics();

  /**
   * Removes a toxic by name.
   *
   * @param name the toxic's name
   * @throws IllegalArgumentException if no toxic of that name is in place
   */
  void remove(String name);

  /** Removes every toxic. */
  void removeAll();

  /** Aborts every open connection now with RST to the client and to the upstream service. */
  void resetAll();

  /**
   * Stops listening and closes every open connection, as Toxiproxy's {@code enabled=false}: new
   * connections are refused until {@link #enable()}. Toxics stay in place. Does nothing when
   * disabled already.
   */
  void disable();

  /**
   * Listens again on the same address after {@link #disable()}. Does nothing when enabled.
   *
   * @throws java.io.UncheckedIOException if the port was taken meanwhile
   */
  void enable();

  /**
   * Tells whether the proxy is listening.
   *
   * @return {@code false} after {@link #disable()} or {@link #close()}
   */
  boolean isEnabled();

  /**
   * The seed of the proxy's random decisions (toxicity, jitter, slicing, corruption); also printed
   * in the probe's timeline. A proxy built with the same seed makes the same decisions.
   *
   * @return the seed
   */
  long seed();

  /**
   * The probe that records every connection the proxy accepted, with how it ended.
   *
   * @return the probe
   */
  ConnectionProbe probe();

  /** Stops listening, closes every connection and releases the port. Idempotent. */
  @Override
  void close();
}
