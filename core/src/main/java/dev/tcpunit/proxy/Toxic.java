package dev.tcpunit.proxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A fault a {@link FaultProxy} applies to the connections it relays, with Toxiproxy's names and
 * units: create one with a factory method, then narrow it with {@link #stream(Direction)}, {@link
 * #toxicity(double)} and {@link #named(String)}.
 *
 * <pre>{@code
 * proxy.add(Toxic.latency(100).jitter(20));                // 100 ms +- 20 ms on what comes back
 * proxy.add(Toxic.limitData(1024).upstream().named("cut")); // close after 1 KB sent by the client
 * }</pre>
 *
 * <h2>Stream and toxicity</h2>
 *
 * A toxic acts on one direction of every connection, {@link Direction#DOWNSTREAM} (service to
 * client) unless told otherwise. Its toxicity is the probability, drawn once per connection and
 * direction when the toxic starts acting on it, that it applies there at all; the default 1.0
 * always applies. The draws come from the proxy's seeded generator, so a run replays with the same
 * seed.
 *
 * <p>Connection-level toxics ({@link ConnectDelayToxic}, {@link RefuseConnectionsToxic}, {@link
 * MaxConnectionsToxic}) act on new connections rather than on bytes; their stream is ignored.
 *
 * <h2>Name</h2>
 *
 * Toxics are identified by name within a proxy; the default name is Toxiproxy's {@code type_stream}
 * (for example {@code latency_downstream}), or just the type for a connection-level toxic. Adding a
 * second toxic with a name already in use fails: name one of them.
 *
 * <h2>Thread-safety</h2>
 *
 * Immutable: every method returns a new toxic.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract sealed class Toxic
    permits LatencyToxic,
        BandwidthToxic,
        SlowCloseToxic,
        TimeoutToxic,
        ResetPeerToxic,
        SlicerToxic,
        LimitDataToxic,
        BlackHoleToxic,
        CorruptToxic,
        ConnectDelayToxic,
        RefuseConnectionsToxic,
        MaxConnectionsToxic {

  final Common common;

  Toxic(Common common) {
    this.common = common;
  }

  /**
   * Delays every chunk of data by {@code millis} (Toxiproxy's {@code latency}).
   *
   * @param millis the delay in milliseconds, from the chunk's arrival at the proxy; 0 to 100 years
   * @return the toxic
   */
  public static LatencyToxic latency(long millis) {
    return LatencyToxic.of(millis);
  }

  /**
   * Delays every chunk of data (Toxiproxy's {@code latency}), with sub-millisecond precision.
   *
   * @param latency the delay from the chunk's arrival at the proxy; 0 to 100 years
   * @return the toxic
   */
  public static LatencyToxic latency(Duration latency) {
    return LatencyToxic.of(latency);
  }

  /**
   * Caps the rate of data (Toxiproxy's {@code bandwidth}).
   *
   * @param kilobytesPerSecond the rate in KB/s, 1 KB being 1000 bytes; at least 1
   * @return the toxic
   */
  public static BandwidthToxic bandwidth(long kilobytesPerSecond) {
    return new BandwidthToxic(Common.DEFAULT, kilobytesPerSecond);
  }

  /**
   * Delays the end of the stream (Toxiproxy's {@code slow_close}).
   *
   * @param millis how long to hold the end of stream (FIN) in milliseconds; 0 to 100 years
   * @return the toxic
   */
  public static SlowCloseToxic slowClose(long millis) {
    return SlowCloseToxic.of(Duration.ofMillis(Checks.requireAtLeast("delay", millis, 0)));
  }

  /**
   * Delays the end of the stream (Toxiproxy's {@code slow_close}).
   *
   * @param delay how long to hold the end of stream (FIN); 0 to 100 years
   * @return the toxic
   */
  public static SlowCloseToxic slowClose(Duration delay) {
    return SlowCloseToxic.of(delay);
  }

  /**
   * Stops all data, then closes the connection after {@code millis} (Toxiproxy's {@code timeout}).
   *
   * @param millis milliseconds until the connection is closed; 0 never closes it, and data stays
   *     stopped until the toxic is removed, which then closes the connection
   * @return the toxic
   */
  public static TimeoutToxic timeout(long millis) {
    return TimeoutToxic.of(Duration.ofMillis(Checks.requireAtLeast("timeout", millis, 0)));
  }

  /**
   * Stops all data, then closes the connection after a timeout (Toxiproxy's {@code timeout}).
   *
   * @param timeout time until the connection is closed, at most 100 years; zero never closes it
   * @return the toxic
   */
  public static TimeoutToxic timeout(Duration timeout) {
    return TimeoutToxic.of(timeout);
  }

  /**
   * Resets the connection (RST both ways) {@code millis} after the first data arrives (Toxiproxy's
   * {@code reset_peer}).
   *
   * @param millis milliseconds from the first data to the reset; 0 to 100 years
   * @return the toxic
   */
  public static ResetPeerToxic resetPeer(long millis) {
    return ResetPeerToxic.of(Duration.ofMillis(Checks.requireAtLeast("timeout", millis, 0)));
  }

  /**
   * Resets the connection (RST both ways) a while after the first data arrives (Toxiproxy's {@code
   * reset_peer}).
   *
   * @param timeout time from the first data to the reset; 0 to 100 years
   * @return the toxic
   */
  public static ResetPeerToxic resetPeer(Duration timeout) {
    return ResetPeerToxic.of(timeout);
  }

  /**
   * Slices data into pieces of about {@code averageSize} bytes (Toxiproxy's {@code slicer}); set
   * the variation and the delay between pieces on the result.
   *
   * @param averageSize the average piece size in bytes; at least 1
   * @return the toxic, with no size variation and no delay
   */
  public static SlicerToxic slicer(int averageSize) {
    return SlicerToxic.of(averageSize);
  }

  /**
   * Forwards at most {@code bytes} per connection in the toxic's direction, then closes the
   * connection (Toxiproxy's {@code limit_data}).
   *
   * @param bytes the bytes let through; at least 0
   * @return the toxic
   */
  public static LimitDataToxic limitData(long bytes) {
    return new LimitDataToxic(Common.DEFAULT, bytes);
  }

  /**
   * Swallows all data and never lets it through, without closing anything (tcpunit's {@code
   * black_hole}).
   *
   * @return the toxic
   */
  public static BlackHoleToxic blackHole() {
    return new BlackHoleToxic(Common.DEFAULT);
  }

  /**
   * Flips bits of the data (tcpunit's {@code corrupt}).
   *
   * @param probability the probability that each bit is flipped, from 0.0 to 1.0
   * @return the toxic
   */
  public static CorruptToxic corrupt(double probability) {
    return new CorruptToxic(Common.DEFAULT, probability);
  }

  /**
   * Delays connecting to the upstream service after accepting a client (tcpunit's {@code
   * connect_delay}).
   *
   * @param millis the delay in milliseconds; 0 to 100 years
   * @return the toxic
   */
  public static ConnectDelayToxic connectDelay(long millis) {
    return ConnectDelayToxic.of(Duration.ofMillis(Checks.requireAtLeast("delay", millis, 0)));
  }

  /**
   * Delays connecting to the upstream service after accepting a client (tcpunit's {@code
   * connect_delay}).
   *
   * @param delay the delay; 0 to 100 years
   * @return the toxic
   */
  public static ConnectDelayToxic connectDelay(Duration delay) {
    return ConnectDelayToxic.of(delay);
  }

  /**
   * Refuses new connections (tcpunit's {@code refuse_connections}); open ones go on.
   *
   * @return the toxic
   */
  public static RefuseConnectionsToxic refuseConnections() {
    return new RefuseConnectionsToxic(Common.DEFAULT);
  }

  /**
   * Allows at most {@code connections} open connections at once and resets the ones beyond
   * (tcpunit's {@code max_connections}).
   *
   * @param connections the limit; at least 0
   * @return the toxic
   */
  public static MaxConnectionsToxic maxConnections(int connections) {
    return new MaxConnectionsToxic(Common.DEFAULT, connections);
  }

  /**
   * Creates a toxic from Toxiproxy's type name and attributes, in Toxiproxy's units; missing
   * attributes are 0, as in Toxiproxy.
   *
   * <pre>{@code
   * Toxic.of("latency", Map.of("latency", 100, "jitter", 10))
   * }</pre>
   *
   * @param type the type, for example {@code "latency"} or {@code "limit_data"}
   * @param attributes the attributes by name, for example {@code latency} and {@code jitter}
   * @return the toxic, on the default stream with toxicity 1.0
   * @throws IllegalArgumentException for an unknown type or attribute, or an invalid value
   */
  public static Toxic of(String type, Map<String, ? extends Number> attributes) {
    return ToxicTypes.create(type, attributes);
  }

  /**
   * The toxic's name, unique within a proxy.
   *
   * @return the name given with {@link #named(String)}, or Toxiproxy's default {@code type_stream}
   */
  public final String name() {
    String name = common.name;
    if (name != null) {
      return name;
    }
    return isConnectionLevel() ? type() : type() + "_" + common.stream.toxiproxyName();
  }

  /**
   * Toxiproxy's type name.
   *
   * @return for example {@code "latency"}
   */
  public abstract String type();

  /**
   * The attributes in Toxiproxy's names and units, in a fixed order.
   *
   * @return the attributes, for example {@code {latency=100, jitter=0}}
   */
  public abstract Map<String, Number> attributes();

  /**
   * The direction the toxic acts on.
   *
   * @return the stream; {@link Direction#DOWNSTREAM} by default
   */
  public final Direction stream() {
    return common.stream;
  }

  /**
   * The probability that the toxic applies to a given connection and direction.
   *
   * @return 0.0-1.0; 1.0 by default
   */
  public final double toxicity() {
    return common.toxicity;
  }

  /**
   * Tells whether this toxic acts on new connections rather than on the bytes of a stream.
   *
   * @return {@code true} for connect delay, refused connections and the connection limit
   */
  public boolean isConnectionLevel() {
    return false;
  }

  /**
   * The same toxic with a name.
   *
   * @param name not blank; unique within the proxy it is added to
   * @return a new toxic
   */
  public abstract Toxic named(String name);

  /**
   * The same toxic acting on another direction.
   *
   * @param stream the direction
   * @return a new toxic
   */
  public abstract Toxic stream(Direction stream);

  /**
   * The same toxic acting on what the client sends.
   *
   * @return a new toxic on {@link Direction#UPSTREAM}
   */
  public abstract Toxic upstream();

  /**
   * The same toxic acting on what the service sends back (the default).
   *
   * @return a new toxic on {@link Direction#DOWNSTREAM}
   */
  public abstract Toxic downstream();

  /**
   * The same toxic applying with a probability, drawn per connection and direction.
   *
   * @param toxicity 0.0-1.0
   * @return a new toxic
   */
  public abstract Toxic toxicity(double toxicity);

  @Override
  public final boolean equals(@Nullable Object other) {
    return other instanceof Toxic that
        && that.getClass() == getClass()
        && that.name().equals(name())
        && that.stream() == stream()
        && Double.compare(that.toxicity(), toxicity()) == 0
        && that.attributes().equals(attributes());
  }

  @Override
  public final int hashCode() {
    return Objects.hash(name(), type(), stream(), toxicity(), attributes());
  }

  /**
   * Describes the toxic as Toxiproxy would list it.
   *
   * @return for example {@code latency_downstream(latency, downstream, toxicity 1.0, {latency=100,
   *     jitter=0})}
   */
  @Override
  public final String toString() {
    return name()
        + "("
        + type()
        + ", "
        + stream().toxiproxyName()
        + ", toxicity "
        + toxicity()
        + ", "
        + attributes()
        + ")";
  }

  /**
   * Builds an attribute map in the order given.
   *
   * @param namesAndValues a name, then its value, and so on
   * @return an unmodifiable map
   */
  static Map<String, Number> attributes(Object... namesAndValues) {
    Map<String, Number> attributes = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      attributes.put((String) namesAndValues[i], (Number) namesAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(attributes);
  }

  /** The attributes every toxic has. */
  static final class Common {

    static final Common DEFAULT = new Common(null, Direction.DOWNSTREAM, 1.0);

    final @Nullable String name;
    final Direction stream;
    final double toxicity;

    private Common(@Nullable String name, Direction stream, double toxicity) {
      this.name = name;
      this.stream = stream;
      this.toxicity = toxicity;
    }

    Common named(String newName) {
      Objects.requireNonNull(newName, "name");
      if (newName.isBlank()) {
        throw new IllegalArgumentException("name: \"" + newName + "\" (expected: not blank)");
      }
      return new Common(newName, stream, toxicity);
    }

    Common stream(Direction newStream) {
      return new Common(name, Objects.requireNonNull(newStream, "stream"), toxicity);
    }

    Common toxicity(double newToxicity) {
      return new Common(name, stream, Checks.requireProbability("toxicity", newToxicity));
    }
  }
}
