package dev.tcpunit.junit.internal;

import dev.tcpunit.junit.Proxied;
import dev.tcpunit.proxy.FaultProxy;
import dev.tcpunit.proxy.InProcessProxy;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * One {@code @Proxied} field or parameter, checked: its label for messages, its key in the store,
 * and how to start its proxy with the toxics declared on it.
 */
final class ProxyDeclaration {

  private final Proxied proxied;
  private final String label;
  private final Object key;
  private final Function<String, RuntimeException> fail;
  private final InetSocketAddress upstream;
  private final List<dev.tcpunit.proxy.Toxic> toxics;

  private ProxyDeclaration(
      Proxied proxied,
      AnnotatedElement element,
      String where,
      Object key,
      Class<?> type,
      boolean isFinal,
      Function<String, RuntimeException> fail) {
    this.proxied = proxied;
    this.label = "@Proxied on " + where;
    this.key = key;
    this.fail = fail;
    if (type != FaultProxy.class && type != InProcessProxy.class) {
      throw fail.apply(
          label
              + " requires one of the types FaultProxy or InProcessProxy, or a Testcontainers"
              + " container, but the type is "
              + type.getSimpleName()
              + ". Change the "
              + (element instanceof Field ? "field" : "parameter")
              + "'s type.");
    }
    if (isFinal) {
      throw fail.apply(
          label
              + " requires a field that is not final but it is final. Remove the final modifier.");
    }
    this.upstream = parseUpstream();
    seed();
    this.toxics =
        ToxicDeclarations.on(element).stream()
            .map(toxic -> ToxicDeclarations.toToxic(toxic, where, fail))
            .toList();
  }

  static ProxyDeclaration of(Field field) {
    String where = Elements.field(field);
    return new ProxyDeclaration(
        AnnotationSupport.findAnnotation(field, Proxied.class).orElseThrow(),
        field,
        where,
        field,
        field.getType(),
        Modifier.isFinal(field.getModifiers()),
        message -> new ExtensionConfigurationException(message));
  }

  static ProxyDeclaration of(Parameter parameter, int index, Executable executable) {
    return new ProxyDeclaration(
        AnnotationSupport.findAnnotation(parameter, Proxied.class).orElseThrow(),
        parameter,
        Elements.parameter(parameter, executable),
        new ParameterKey(executable, index),
        parameter.getType(),
        false,
        message -> new ParameterResolutionException(message));
  }

  /** Keys a parameter's proxy in the store. */
  private record ParameterKey(Executable executable, int index) {}

  Object key() {
    return key;
  }

  String name() {
    return proxied.name();
  }

  RuntimeException fail(String message) {
    return fail.apply(message);
  }

  String label() {
    return label;
  }

  /** Starts the proxy with its toxics in place. */
  InProcessProxy start() {
    InProcessProxy.Builder builder = InProcessProxy.builder().upstream(upstream);
    if (!proxied.name().isEmpty()) {
      builder = builder.name(proxied.name());
    }
    Long seed = seed();
    if (seed != null) {
      builder = builder.seed(seed);
    }
    for (dev.tcpunit.proxy.Toxic toxic : toxics) {
      builder = builder.toxic(toxic);
    }
    try {
      return builder.start();
    } catch (IllegalArgumentException e) {
      throw fail.apply(
          label + " requires toxics with distinct names but " + e.getMessage() + ". Name them.");
    }
  }

  private InetSocketAddress parseUpstream() {
    String text = proxied.upstream().trim();
    int colon = text.lastIndexOf(':');
    if (colon > 0 && colon < text.length() - 1) {
      String host = text.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      try {
        int port = Integer.parseInt(text.substring(colon + 1));
        if (port >= 1 && port <= 65535 && !host.isEmpty()) {
          return new InetSocketAddress(host, port);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw fail.apply(
        label
            + " requires upstream as host:port but it is \""
            + proxied.upstream()
            + "\". Set upstream = \"localhost:5432\", for example.");
  }

  private @Nullable Long seed() {
    if (proxied.seed().isEmpty()) {
      return null;
    }
    try {
      return Long.valueOf(proxied.seed().trim());
    } catch (NumberFormatException e) {
      throw fail.apply(
          label
              + " requires seed as a decimal long but it is \""
              + proxied.seed()
              + "\". Copy the seed from the timeline, for example seed = \"42\".");
    }
  }
}
