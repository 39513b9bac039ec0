package dev.tcpunit.internal.toxiproxy;

import dev.tcpunit.proxy.Toxic;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The toxic types Toxiproxy 2.x registers, with their attributes (JSON name and Go type, in the
 * order Toxiproxy writes them) and the in-process toxic that has the same effect.
 *
 * <p>Toxiproxy takes any integer for any attribute; where a value has an obvious meaning tcpunit's
 * toxics do not take directly, it is mapped to that meaning (a negative delay is no delay, a
 * bandwidth of 0 is no limit, as in Toxiproxy). Where Toxiproxy would fail at run time (a slicer
 * with an average size of 0) the request is refused.
 */
enum ToxicKind {
  NOOP("NoopToxic"),
  LATENCY("LatencyToxic", "latency", "int64", "jitter", "int64"),
  BANDWIDTH("BandwidthToxic", "rate", "int64"),
  SLOW_CLOSE("SlowCloseToxic", "delay", "int64"),
  TIMEOUT("TimeoutToxic", "timeout", "int64"),
  RESET_PEER("ResetToxic", "timeout", "int64"),
  SLICER("SlicerToxic", "average_size", "int", "size_variation", "int", "delay", "int"),
  LIMIT_DATA("LimitDataToxic", "bytes", "int64");

  private final String goStruct;
  private final List<String> attributes;
  private final List<String> goTypes;

  ToxicKind(String goStruct, String... namesAndTypes) {
    this.goStruct = goStruct;
    String[] names = new String[namesAndTypes.length / 2];
    String[] types = new String[namesAndTypes.length / 2];
    for (int i = 0; i < names.length; i++) {
      names[i] = namesAndTypes[2 * i];
      types[i] = namesAndTypes[2 * i + 1];
    }
    this.attributes = List.of(names);
    this.goTypes = List.of(types);
  }

  /**
   * Finds a type by Toxiproxy's name; the name is case-sensitive, as in Toxiproxy.
   *
   * @param type for example {@code slow_close}
   * @return the kind, or {@code null} if Toxiproxy has no such type
   */
  static @Nullable ToxicKind of(String type) {
    for (ToxicKind kind : values()) {
      if (kind.typeName().equals(type)) {
        return kind;
      }
    }
    return null;
  }

  String typeName() {
    return name().toLowerCase(Locale.ROOT);
  }

  String goStruct() {
    return goStruct;
  }

  List<String> attributes() {
    return attributes;
  }

  String goType(int index) {
    return goTypes.get(index);
  }

  /**
   * The in-process toxic with the effect Toxiproxy gives these attributes.
   *
   * @param values every attribute of this kind
   * @return the toxic, unnamed, downstream, toxicity 1; empty when it would do nothing
   * @throws ApiException 400 for values Toxiproxy cannot run either
   */
  Optional<Toxic> coreToxic(Map<String, Long> values) {
    switch (this) {
      case LATENCY:
        return Optional.of(
            Toxic.latency(atLeastZero(values, "latency")).jitter(atLeastZero(values, "jitter")));
      case BANDWIDTH:
        long rate = values.get("rate");
        return rate <= 0 ? Optional.empty() : Optional.of(Toxic.bandwidth(rate));
      case SLOW_CLOSE:
        return Optional.of(Toxic.slowClose(atLeastZero(values, "delay")));
      case TIMEOUT:
        return Optional.of(Toxic.timeout(atLeastZero(values, "timeout")));
      case RESET_PEER:
        return Optional.of(Toxic.resetPeer(atLeastZero(values, "timeout")));
      case SLICER:
        return Optional.of(slicer(values));
      case LIMIT_DATA:
        return Optional.of(Toxic.limitData(atLeastZero(values, "bytes")));
      default:
        return Optional.empty();
    }
  }

  private static Toxic slicer(Map<String, Long> values) {
    long average = values.get("average_size");
    long variation = values.get("size_variation");
    if (average < 1) {
      throw ApiException.badRequestBody(
          "average_size: "
              + average
              + " (expected: >= 1; Toxiproxy cannot slice into pieces of 0)");
    }
    if (variation < 0) {
      throw ApiException.badRequestBody("size_variation: " + variation + " (expected: >= 0)");
    }
    int size = (int) Math.min(average, Integer.MAX_VALUE);
    return Toxic.slicer(size)
        .sizeVariation((int) Math.min(variation, size - 1L))
        .delayMicros(atLeastZero(values, "delay"));
  }

  private static long atLeastZero(Map<String, Long> values, String name) {
    return Math.max(0, values.get(name));
  }
}
