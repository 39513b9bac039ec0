package dev.tcpunit.toxiproxy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tcpunit.internal.proxy.ToxicUpdates;
import dev.tcpunit.internal.toxiproxy.ToxiproxyHttp;
import dev.tcpunit.proxy.Direction;
import dev.tcpunit.proxy.Toxic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The toxics of one proxy of a Toxiproxy server, as tcpunit {@link Toxic}s. */
final class RemoteToxics {

  /** Toxiproxy's types; the other toxics are tcpunit's own. */
  private static final Set<String> TOXIPROXY_TYPES =
      Set.of("latency", "bandwidth", "slow_close", "timeout", "reset_peer", "slicer", "limit_data");

  private final ToxiproxyHttp http;
  private final String proxy;
  private final String path;

  RemoteToxics(ToxiproxyHttp http, String proxy) {
    this.http = http;
    this.proxy = proxy;
    this.path = ToxiproxyHttp.toxicsPath(proxy);
  }

  /**
   * Creates a toxic with all its fields in one request.
   *
   * @param toxic the toxic
   * @throws IllegalArgumentException for a toxic Toxiproxy does not have, or a name in use
   */
  void add(Toxic toxic) {
    if (!TOXIPROXY_TYPES.contains(toxic.type())) {
      throw new IllegalArgumentException(unsupported(toxic));
    }
    JsonObject json = new JsonObject();
    json.addProperty("name", toxic.name());
    json.addProperty("type", toxic.type());
    json.addProperty("stream", toxic.stream().toxiproxyName());
    json.addProperty("toxicity", (float) toxic.toxicity());
    JsonObject attributes = new JsonObject();
    toxic.attributes().forEach(attributes::addProperty);
    json.add("attributes", attributes);
    try {
      http.post(path, json);
    } catch (ToxiproxyHttp.Failure e) {
      if (e.status() == 409) {
        throw new IllegalArgumentException(
            "toxic: " + toxic.name() + " (expected: a name not in use on proxy " + proxy + ")", e);
      }
      throw new IllegalArgumentException(
          "toxic: " + toxic + " (Toxiproxy refused it: " + e.getMessage() + ")", e);
    }
  }

  /**
   * Changes a toxic's attributes and toxicity in place, with Toxiproxy's update.
   *
   * @param toxic the toxic with the new attributes; its name picks the toxic
   * @throws IllegalArgumentException if no toxic has that name, or the type or stream differs
   */
  void update(Toxic toxic) {
    String toxicPath = path + "/" + ToxiproxyHttp.segment(toxic.name());
    Toxic inPlace;
    try {
      inPlace = toTcpunit(http.get(toxicPath).getAsJsonObject());
    } catch (ToxiproxyHttp.Failure e) {
      if (e.status() == 404) {
        throw notInPlace(toxic.name(), e);
      }
      throw e;
    }
    ToxicUpdates.check(inPlace, toxic, proxy);
    JsonObject json = new JsonObject();
    json.addProperty("toxicity", (float) toxic.toxicity());
    JsonObject attributes = new JsonObject();
    toxic.attributes().forEach(attributes::addProperty);
    json.add("attributes", attributes);
    try {
      http.post(toxicPath, json);
    } catch (ToxiproxyHttp.Failure e) {
      if (e.status() == 404) {
        throw notInPlace(toxic.name(), e);
      }
      throw new IllegalArgumentException(
          "toxic: " + toxic + " (Toxiproxy refused the update: " + e.getMessage() + ")", e);
    }
  }

  private IllegalArgumentException notInPlace(String name, RuntimeException cause) {
    return new IllegalArgumentException(
        "name: " + name + " (expected: a toxic in place on proxy " + proxy + ")", cause);
  }

  List<Toxic> list() {
    List<Toxic> toxics = new ArrayList<>();
    for (JsonElement element : http.get(path).getAsJsonArray()) {
      toxics.add(toTcpunit(element.getAsJsonObject()));
    }
    return toxics;
  }

  boolean has(String name) {
    for (JsonElement element : http.get(path).getAsJsonArray()) {
      if (element.getAsJsonObject().get("name").getAsString().equals(name)) {
        return true;
      }
    }
    return false;
  }

  void remove(String name) {
    try {
      http.delete(path + "/" + ToxiproxyHttp.segment(name));
    } catch (ToxiproxyHttp.Failure e) {
      if (e.status() == 404) {
        throw notInPlace(name, e);
      }
      throw e;
    }
  }

  void removeAll() {
    for (JsonElement element : http.get(path).getAsJsonArray()) {
      http.delete(
          path + "/" + ToxiproxyHttp.segment(element.getAsJsonObject().get("name").getAsString()));
    }
  }

  private static Toxic toTcpunit(JsonObject json) {
    Map<String, Number> attributes = new LinkedHashMap<>();
    JsonElement given = json.get("attributes");
    if (given != null && given.isJsonObject()) {
      given
          .getAsJsonObject()
          .entrySet()
          .forEach(e -> attributes.put(e.getKey(), e.getValue().getAsLong()));
    }
    return Toxic.of(json.get("type").getAsString(), attributes)
        .named(json.get("name").getAsString())
        .stream(Direction.of(json.get("stream").getAsString()))
        .toxicity(Math.min(1.0, Math.max(0.0, json.get("toxicity").getAsDouble())));
  }

  /**
   * Why a tcpunit toxic cannot go to Toxiproxy, and what to use instead.
   *
   * @param toxic a toxic Toxiproxy does not have
   * @return the message
   */
  static String unsupported(Toxic toxic) {
    String instead;
    switch (toxic.type()) {
      case "black_hole":
        instead = "; on Toxiproxy, Toxic.timeout(0) also swallows data and never closes";
        break;
      case "refuse_connections":
        instead = "; on Toxiproxy, disable() refuses new connections but also closes open ones";
        break;
      default:
        instead = "";
    }
    return toxic.type()
        + " ("
        + toxic.name()
        + ") is a tcpunit toxic that Toxiproxy does not have: add it to an InProcessProxy"
        + " (InProcessProxy.start(upstream)), which has every tcpunit and Toxiproxy toxic"
        + instead;
  }
}
