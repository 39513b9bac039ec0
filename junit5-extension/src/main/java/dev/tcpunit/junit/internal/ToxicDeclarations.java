package dev.tcpunit.junit.internal;

import dev.tcpunit.junit.Toxic;
import dev.tcpunit.proxy.FaultProxy;
import dev.tcpunit.proxy.ToxicHandle;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.platform.commons.support.AnnotationSupport;

/** Turns {@code @Toxic} annotations into the core's toxics, with messages naming the element. */
final class ToxicDeclarations {

  private ToxicDeclarations() {}

  /** The {@code @Toxic} annotations directly on an element, in declaration order. */
  static List<Toxic> on(AnnotatedElement element) {
    return AnnotationSupport.findRepeatableAnnotations(element, Toxic.class);
  }

  /**
   * Converts one annotation.
   *
   * @param toxic the annotation
   * @param where the element it is on, as in {@link Elements}
   * @param fail makes the exception to throw from a message
   * @return the core toxic
   */
  static dev.tcpunit.proxy.Toxic toToxic(
      Toxic toxic, String where, Function<String, RuntimeException> fail) {
    String label = label(toxic) + " on " + where;
    Map<String, Number> attributes = new LinkedHashMap<>();
    for (String attribute : toxic.attributes()) {
      int equals = attribute.indexOf('=');
      @Nullable Number value = equals > 0 ? number(attribute.substring(equals + 1).trim()) : null;
      if (value == null) {
        throw fail.apply(
            label
                + " requires attributes written name=value but one is \""
                + attribute
                + "\". Write it as \"latency=100\", for example.");
      }
      attributes.put(attribute.substring(0, equals).trim(), value);
    }
    try {
      dev.tcpunit.proxy.Toxic result =
          dev.tcpunit.proxy.Toxic.of(toxic.type(), attributes).stream(toxic.stream())
              .toxicity(toxic.toxicity());
      return toxic.name().isEmpty() ? result : result.named(toxic.name());
    } catch (IllegalArgumentException e) {
      throw fail.apply(
          label + " requires valid attributes but " + e.getMessage() + ". Fix the declaration.");
    }
  }

  /**
   * Adds the toxics declared on a method or class to the proxies they name, for one test.
   *
   * @param toxics the annotations and where each is
   * @param proxies the proxies in scope, by name ({@code ""} for unnamed ones)
   * @param fail makes the exception to throw from a message
   * @return the handles that remove them
   */
  static List<ToxicHandle> addAll(
      List<Map.Entry<Toxic, String>> toxics,
      List<Map.Entry<String, FaultProxy>> proxies,
      Function<String, RuntimeException> fail) {
    List<ToxicHandle> handles = new ArrayList<>();
    for (Map.Entry<Toxic, String> declared : toxics) {
      Toxic toxic = declared.getKey();
      String where = declared.getValue();
      dev.tcpunit.proxy.Toxic core = toToxic(toxic, where, fail);
      FaultProxy proxy = target(toxic, where, proxies, fail);
      if (ToxiproxyToxics.onToxiproxy(proxy) && !ToxiproxyToxics.TYPES.contains(core.type())) {
        throw fail.apply(ToxiproxyToxics.unsupported(label(toxic) + " on " + where, core.type()));
      }
      try {
        handles.add(proxy.add(core));
      } catch (IllegalArgumentException e) {
        throw fail.apply(
            label(toxic)
                + " on "
                + where
                + " requires a toxic name not in use but "
                + e.getMessage()
                + ". Give it another name with name = \"...\".");
      }
    }
    return handles;
  }

  private static FaultProxy target(
      Toxic toxic,
      String where,
      List<Map.Entry<String, FaultProxy>> proxies,
      Function<String, RuntimeException> fail) {
    String label = label(toxic) + " on " + where;
    if (proxies.isEmpty()) {
      throw fail.apply(
          label
              + " requires a @Proxied proxy in scope but none was declared. Declare one on a field"
              + " or parameter.");
    }
    if (toxic.proxy().isEmpty()) {
      if (proxies.size() > 1) {
        throw fail.apply(
            label
                + " requires proxy = \"name\" when several @Proxied proxies are in scope but none"
                + " was given. Name the proxies with @Proxied(name = ...) and pick one.");
      }
      return proxies.get(0).getValue();
    }
    return proxies.stream()
        .filter(entry -> entry.getKey().equals(toxic.proxy()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(
            () ->
                fail.apply(
                    label
                        + " requires the @Proxied proxy \""
                        + toxic.proxy()
                        + "\" but no proxy of that name is in scope. Name one with @Proxied(name"
                        + " = \""
                        + toxic.proxy()
                        + "\")."));
  }

  private static String label(Toxic toxic) {
    return "@Toxic(type = \"" + toxic.type() + "\")";
  }

  private static @Nullable Number number(String text) {
    try {
      return Long.valueOf(text);
    } catch (NumberFormatException notWhole) {
      try {
        return Double.valueOf(text);
      } catch (NumberFormatException notNumber) {
        return null;
      }
    }
  }
}
