package dev.tcpunit.junit.internal;

import dev.tcpunit.junit.TcpServer;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.server.ScriptedServer;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * One {@code @TcpServer} on a field or parameter, checked: a supported type, a valid name and
 * attributes.
 *
 * @param name the server's name, or empty for a server of this declaration alone
 * @param type the field's or parameter's type
 * @param element the field or parameter in words, for messages
 * @param parameter whether it is a parameter (errors are then {@link
 *     ParameterResolutionException}s)
 * @param key the store key of its server
 * @param spec what the server does
 */
record Declaration(
    String name, Class<?> type, String element, boolean parameter, Object key, ServerSpec spec) {

  static final List<Class<?>> TYPES =
      List.of(
          ScriptedServer.class,
          ConnectionProbe.class,
          InetSocketAddress.class,
          int.class,
          URI.class,
          SSLContext.class,
          X509TrustManager.class);

  /** The types that take a TLS server's trust material. */
  static boolean isTrustType(Class<?> type) {
    return type == SSLContext.class || type == X509TrustManager.class;
  }

  /** Keys a parameter's server when it has no name. */
  record ParameterKey(Executable executable, int index) {}

  /** Keys a named server. */
  record NameKey(String name) {}

  static Declaration of(Field field, TcpServer annotation) {
    String element = Elements.field(field);
    checkType(field.getType(), element, false);
    if (Modifier.isFinal(field.getModifiers())) {
      throw new ExtensionConfigurationException(
          "@TcpServer on "
              + element
              + " requires a field that is not final but it is final. Remove the final modifier.");
    }
    return create(annotation, field.getType(), element, false, field);
  }

  static Declaration of(
      Parameter parameter, int index, Executable executable, TcpServer annotation) {
    String element = Elements.parameter(parameter, executable);
    checkType(parameter.getType(), element, true);
    return create(
        annotation, parameter.getType(), element, true, new ParameterKey(executable, index));
  }

  private static Declaration create(
      TcpServer annotation, Class<?> type, String element, boolean parameter, Object ownKey) {
    String name = name(annotation, element, parameter);
    ServerSpec spec = ServerSpec.of(annotation, message -> fail(parameter, message, null), element);
    Object key = name.isEmpty() ? ownKey : new NameKey(name);
    Declaration declaration = new Declaration(name, type, element, parameter, key, spec);
    if (isTrustType(type) && (spec.isDefinition() || name.isEmpty()) && !spec.tls()) {
      throw declaration.notTls();
    }
    return declaration;
  }

  private static void checkType(Class<?> type, String element, boolean parameter) {
    if (!TYPES.contains(type)) {
      throw fail(
          parameter,
          "@TcpServer on "
              + element
              + " requires one of the types ScriptedServer, ConnectionProbe, InetSocketAddress,"
              + " int, URI, SSLContext or X509TrustManager but the type is "
              + type.getSimpleName()
              + ". Change the "
              + (parameter ? "parameter's" : "field's")
              + " type.",
          null);
    }
  }

  private static String name(TcpServer annotation, String element, boolean parameter) {
    String value = annotation.value();
    String name = annotation.name();
    if (!value.isEmpty() && !name.isEmpty() && !value.equals(name)) {
      throw fail(
          parameter,
          "@TcpServer on "
              + element
              + " requires value and name to agree but value is \""
              + value
              + "\" and name is \""
              + name
              + "\". Set only one of them.",
          null);
    }
    String chosen = value.isEmpty() ? name : value;
    if (!chosen.equals(chosen.strip())) {
      throw fail(
          parameter,
          "@TcpServer on "
              + element
              + " requires a name without leading or trailing whitespace but the name is \""
              + chosen
              + "\". Trim the name.",
          null);
    }
    return chosen;
  }

  /** The annotation and the element: {@code @TcpServer("api") on field [...]}. */
  String label() {
    return "@TcpServer" + (name.isEmpty() ? "" : "(\"" + name + "\")") + " on " + element;
  }

  /** The error for trust material of a server without TLS. */
  RuntimeException notTls() {
    return fail(
        label()
            + " requires a server with tls = true for the type "
            + type.getSimpleName()
            + " but "
            + (name.isEmpty() || spec.isDefinition()
                ? "tls is not set"
                : "the server \"" + name + "\" does not serve TLS")
            + ". Add tls = true to the declaration that configures the server.",
        null);
  }

  /** The value of the declaration's type for a started server. */
  Object valueFor(ScriptedServer server) {
    if (isTrustType(type)) {
      if (!server.isTls()) {
        throw notTls();
      }
      return type == SSLContext.class ? server.tls().sslContext() : server.tls().trustManager();
    }
    if (type == ScriptedServer.class) {
      return server;
    }
    if (type == ConnectionProbe.class) {
      return server.probe();
    }
    if (type == InetSocketAddress.class) {
      return server.address();
    }
    if (type == int.class) {
      return server.port();
    }
    return server.uri();
  }

  RuntimeException fail(String message, @Nullable Throwable cause) {
    return fail(parameter, message, cause);
  }

  private static RuntimeException fail(
      boolean parameter, String message, @Nullable Throwable cause) {
    if (cause == null) {
      return parameter
          ? new ParameterResolutionException(message)
          : new ExtensionConfigurationException(message);
    }
    return parameter
        ? new ParameterResolutionException(message, cause)
        : new ExtensionConfigurationException(message, cause);
  }
}
