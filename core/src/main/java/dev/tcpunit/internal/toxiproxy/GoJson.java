package dev.tcpunit.internal.toxiproxy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads request bodies into values the way Toxiproxy's Go decoder does: {@code null} and missing
 * fields keep their defaults, unknown fields are ignored, field names match exactly or else
 * ignoring case, and a value of the wrong type fails with Go's message ({@code json: cannot
 * unmarshal string into Go struct field Proxy.enabled of type bool}). Only plain trees are read: no
 * type information is ever taken from the input.
 */
final class GoJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private static final Pattern UNEXPECTED_CHARACTER =
      Pattern.compile("Unexpected character \\('(.)'|Unrecognized token '(.)");

  private GoJson() {}

  /**
   * Parses a request body.
   *
   * @param body the bytes received
   * @return the tree; {@code null} for a JSON {@code null}
   * @throws ApiException 400 "bad request body" for malformed JSON
   */
  static @Nullable JsonNode parse(byte[] body) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(body);
    } catch (JsonParseException e) {
      throw ApiException.badRequestBody(syntaxMessage(e));
    } catch (IOException e) {
      throw ApiException.badRequestBody(String.valueOf(e.getMessage()));
    }
    if (tree == null || tree.isMissingNode()) {
      throw ApiException.badRequestBody("EOF");
    }
    return tree.isNull() ? null : tree;
  }

  /**
   * Requires a JSON object at the top of a body.
   *
   * @param tree the parsed body
   * @param goType the Go type Toxiproxy decodes into
   * @return the object
   */
  static ObjectNode requireObject(JsonNode tree, String goType) {
    if (!tree.isObject()) {
      throw ApiException.badRequestBody(
          "json: cannot unmarshal " + kind(tree, false) + " into Go value of type " + goType);
    }
    return (ObjectNode) tree;
  }

  /**
   * Finds a field as Go does: the exact name, or else the first name equal ignoring case.
   *
   * @param object the object
   * @param name the field's JSON name
   * @return the value, or {@code null} when absent or JSON {@code null}
   */
  static @Nullable JsonNode field(JsonNode object, String name) {
    JsonNode exact = object.get(name);
    JsonNode found = exact;
    if (found == null) {
      for (Map.Entry<String, JsonNode> entry : object.properties()) {
        if (entry.getKey().equalsIgnoreCase(name)) {
          found = entry.getValue();
          break;
        }
      }
    }
    return found == null || found.isNull() ? null : found;
  }

  static @Nullable String string(JsonNode object, String struct, String name) {
    JsonNode value = field(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw typeError(kind(value, false), struct, name, "string");
    }
    return value.textValue();
  }

  static @Nullable Boolean bool(JsonNode object, String struct, String name) {
    JsonNode value = field(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      throw typeError(kind(value, false), struct, name, "bool");
    }
    return value.booleanValue();
  }

  static @Nullable Float float32(JsonNode object, String struct, String name) {
    JsonNode value = field(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      throw typeError(kind(value, false), struct, name, "float32");
    }
    double number = value.doubleValue();
    if (Double.isInfinite(number) || Math.abs(number) > Float.MAX_VALUE) {
      throw typeError(kind(value, true), struct, name, "float32");
    }
    return (float) number;
  }

  /**
   * Reads a Go integer field ({@code int} or {@code int64}, both 64 bits).
   *
   * @param object the object holding the field
   * @param struct the Go struct's name, for messages
   * @param path the field's path from the body, for messages
   * @param name the field's JSON name
   * @param goType {@code "int"} or {@code "int64"}
   * @return the value, or {@code null} to keep the default
   */
  static @Nullable Long int64(
      JsonNode object, String struct, String path, String name, String goType) {
    JsonNode value = field(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw typeError(kind(value, true), struct, path, goType);
    }
    return value.longValue();
  }

  static ApiException typeError(String kind, String struct, String path, String goType) {
    return ApiException.badRequestBody(
        "json: cannot unmarshal "
            + kind
            + " into Go struct field "
            + struct
            + "."
            + path
            + " of type "
            + goType);
  }

  /**
   * Go's name for the kind of a JSON value in its type errors.
   *
   * @param value the value
   * @param literal whether a number is named with its value, as Go does for numbers that do not fit
   *     a numeric field
   * @return for example {@code string}, {@code number 1.5} or {@code object}
   */
  static String kind(JsonNode value, boolean literal) {
    if (value.isTextual()) {
      return "string";
    }
    if (value.isBoolean()) {
      return "bool";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isObject()) {
      return "object";
    }
    if (value.isNumber()) {
      return literal ? "number " + value.asText().toLowerCase(Locale.ROOT) : "number";
    }
    return "null";
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static byte[] bytes(JsonNode tree) {
    try {
      return MAPPER.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a JSON tree cannot fail", e);
    }
  }

  private static String syntaxMessage(JsonParseException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (message.contains("end-of-input")) {
      return "unexpected EOF";
    }
    Matcher matcher = UNEXPECTED_CHARACTER.matcher(message);
    if (matcher.find()) {
      String character = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
      String looking =
          message.contains("field name")
              ? "looking for beginning of object key string"
              : "looking for beginning of value";
      return "invalid character '" + character + "' " + looking;
    }
    return "invalid JSON: " + message.lines().findFirst().orElse(message);
  }
}
