package dev.tcpunit.proxy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Creates toxics from Toxiproxy's type names and attribute maps. */
final class ToxicTypes {

  /** Every type name, in the order of the documentation. */
  static final List<String> TYPES =
      List.of(
          "latency",
          "bandwidth",
          "slow_close",
          "timeout",
          "reset_peer",
          "slicer",
          "limit_data",
          "black_hole",
          "corrupt",
          "connect_delay",
          "refuse_connections",
          "max_connections");

  private final String type;
  private final Map<String, ? extends Number> attributes;

  private ToxicTypes(String type, Map<String, ? extends Number> attributes) {
    this.type = type;
    this.attributes = attributes;
  }

  static Toxic create(String type, Map<String, ? extends Number> attributes) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(attributes, "attributes");
    ToxicTypes a = new ToxicTypes(type, attributes);
    switch (type) {
      case "latency":
        a.allow("latency", "jitter");
        return Toxic.latency(a.whole("latency")).jitter(a.whole("jitter"));
      case "bandwidth":
        a.allow("rate");
        return Toxic.bandwidth(a.whole("rate"));
      case "slow_close":
        a.allow("delay");
        return Toxic.slowClose(a.whole("delay"));
      case "timeout":
        a.allow("timeout");
        return Toxic.timeout(a.whole("timeout"));
      case "reset_peer":
        a.allow("timeout");
        return Toxic.resetPeer(a.whole("timeout"));
      case "slicer":
        a.allow("average_size", "size_variation", "delay");
        return Toxic.slicer(a.wholeInt("average_size"))
            .sizeVariation(a.wholeInt("size_variation"))
            .delayMicros(a.whole("delay"));
      case "limit_data":
        a.allow("bytes");
        return Toxic.limitData(a.whole("bytes"));
      case "black_hole":
        a.allow();
        return Toxic.blackHole();
      case "corrupt":
        a.allow("probability");
        Number p = attributes.get("probability");
        return Toxic.corrupt(p == null ? 0.0 : p.doubleValue());
      case "connect_delay":
        a.allow("delay");
        return Toxic.connectDelay(a.whole("delay"));
      case "refuse_connections":
        a.allow();
        return Toxic.refuseConnections();
      case "max_connections":
        a.allow("connections");
        return Toxic.maxConnections(a.wholeInt("connections"));
      default:
        throw new IllegalArgumentException(
            "type: " + type + " (expected: one of " + String.join(", ", TYPES) + ")");
    }
  }

  private void allow(String... names) {
    Set<String> unknown = new TreeSet<>(attributes.keySet());
    unknown.removeAll(List.of(names));
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "attributes: "
              + unknown
              + " (expected: "
              + (names.length == 0 ? "none" : "among " + String.join(", ", names))
              + " for type "
              + type
              + ")");
    }
  }

  private long whole(String name) {
    Number value = attributes.get(name);
    if (value == null) {
      return 0;
    }
    double asDouble = value.doubleValue();
    if (asDouble != Math.rint(asDouble) || Double.isInfinite(asDouble)) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: a whole number)");
    }
    return value.longValue();
  }

  private int wholeInt(String name) {
    long value = whole(name);
    if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
      throw new IllegalArgumentException(
          name + ": " + value + " (expected: at most " + Integer.MAX_VALUE + ")");
    }
    return (int) value;
  }
}
