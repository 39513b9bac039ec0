package dev.tcpunit.internal.toxiproxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcpunit.proxy.Direction;
import dev.tcpunit.proxy.Toxic;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A toxic as the admin API knows it: Toxiproxy's fields exactly as given (a stream spelled {@code
 * UPSTREAM} stays so, attributes keep their values), plus the in-process toxic that carries its
 * effect. Immutable.
 */
final class ToxicSpec {

  private static final String WRAPPER = "ToxicWrapper";
  private static final String UPDATE_TYPE =
      "*struct { Attributes interface {} \"json:\\\"attributes\\\"\";"
          + " Toxicity float32 \"json:\\\"toxicity\\\"\" }";

  private final String name;
  private final ToxicKind kind;
  private final String stream;
  private final Direction direction;
  private final float toxicity;
  private final Map<String, Long> attributes;

  private ToxicSpec(
      String name,
      ToxicKind kind,
      String stream,
      Direction direction,
      float toxicity,
      Map<String, Long> attributes) {
    this.name = name;
    this.kind = kind;
    this.stream = stream;
    this.direction = direction;
    this.toxicity = toxicity;
    this.attributes = Collections.unmodifiableMap(attributes);
  }

  /**
   * Reads a new toxic from a {@code POST /proxies/{proxy}/toxics} body, checking in Toxiproxy's
   * order: the body, the stream, the type, the name's uniqueness, then the attributes.
   *
   * @param body the request body
   * @param nameTaken tells whether a toxic of the proxy already has a name
   * @return the toxic
   * @throws ApiException as Toxiproxy answers
   */
  static ToxicSpec create(byte[] body, Predicate<String> nameTaken) {
    JsonNode tree = GoJson.parse(body);
    JsonNode object =
        tree == null ? GoJson.object() : GoJson.requireObject(tree, "toxics." + WRAPPER);
    String name = GoJson.string(object, WRAPPER, "name");
    String type = GoJson.string(object, WRAPPER, "type");
    String stream = GoJson.string(object, WRAPPER, "stream");
    Float toxicity = GoJson.float32(object, WRAPPER, "toxicity");
    JsonNode attributes = GoJson.field(object, "attributes");
    if (attributes != null && !attributes.isObject()) {
      throw GoJson.typeError(
          GoJson.kind(attributes, false), WRAPPER, "attributes", "toxics.NoopToxic");
    }
    String streamName = stream == null ? "downstream" : stream;
    Direction direction = direction(streamName);
    String typeName = type == null ? "" : type;
    String toxicName = name == null || name.isEmpty() ? typeName + "_" + streamName : name;
    ToxicKind kind = ToxicKind.of(typeName);
    if (kind == null) {
      throw ApiException.invalidToxicType();
    }
    if (nameTaken.test(toxicName)) {
      throw ApiException.toxicAlreadyExists();
    }
    Map<String, Long> values = new LinkedHashMap<>();
    for (String attribute : kind.attributes()) {
      values.put(attribute, 0L);
    }
    ToxicSpec spec =
        new ToxicSpec(
            toxicName,
            kind,
            streamName,
            direction,
            toxicity == null ? 1.0f : toxicity,
            readAttributes(kind, attributes, values));
    spec.coreToxic();
    return spec;
  }

  /**
   * Applies a {@code POST /proxies/{proxy}/toxics/{toxic}} body: the attributes given replace
   * theirs, the toxicity too if given; every other field is ignored, as in Toxiproxy.
   *
   * @param body the request body
   * @return the updated toxic
   */
  ToxicSpec update(byte[] body) {
    JsonNode tree = GoJson.parse(body);
    if (tree == null) {
      return this;
    }
    JsonNode object = GoJson.requireObject(tree, UPDATE_TYPE);
    JsonNode newAttributes = GoJson.field(object, "attributes");
    if (newAttributes != null && !newAttributes.isObject()) {
      throw GoJson.typeError(
          GoJson.kind(newAttributes, false), "", "attributes", "toxics." + kind.goStruct());
    }
    Float newToxicity = GoJson.float32(object, "", "toxicity");
    ToxicSpec spec =
        new ToxicSpec(
            name,
            kind,
            stream,
            direction,
            newToxicity == null ? toxicity : newToxicity,
            readAttributes(kind, newAttributes, new LinkedHashMap<>(attributes)));
    spec.coreToxic();
    return spec;
  }

  private static Map<String, Long> readAttributes(
      ToxicKind kind, @Nullable JsonNode given, Map<String, Long> values) {
    if (given == null) {
      return values;
    }
    for (int i = 0; i < kind.attributes().size(); i++) {
      String attribute = kind.attributes().get(i);
      Long value =
          GoJson.int64(
              given, kind.goStruct(), "attributes." + attribute, attribute, kind.goType(i));
      if (value != null) {
        values.put(attribute, value);
      }
    }
    return values;
  }

  private static Direction direction(String stream) {
    switch (stream.toLowerCase(Locale.ROOT)) {
      case "upstream":
        return Direction.UPSTREAM;
      case "downstream":
        return Direction.DOWNSTREAM;
      default:
        throw ApiException.invalidStream();
    }
  }

  String name() {
    return name;
  }

  Direction direction() {
    return direction;
  }

  /**
   * The in-process toxic with this toxic's effect.
   *
   * @return the toxic, named as this one; empty when it does nothing (a {@code noop}, a bandwidth
   *     of 0)
   * @throws ApiException 400 for attributes no proxy can run
   */
  Optional<Toxic> coreToxic() {
    Optional<Toxic> core;
    try {
      core = kind.coreToxic(attributes);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequestBody(String.valueOf(e.getMessage()));
    }
    double probability = Math.min(1.0, Math.max(0.0, toxicity));
    return core.map(toxic -> toxic.named(name).stream(direction).toxicity(probability));
  }

  /**
   * The toxic as Toxiproxy writes it.
   *
   * @return {@code {"attributes":{...},"name":...,"type":...,"stream":...,"toxicity":...}}
   */
  ObjectNode toJson() {
    ObjectNode json = GoJson.object();
    ObjectNode values = json.putObject("attributes");
    attributes.forEach(values::put);
    json.put("name", name);
    json.put("type", kind.typeName());
    json.put("stream", stream);
    json.put("toxicity", new BigDecimal(Float.toString(toxicity)).stripTrailingZeros());
    return json;
  }
}
