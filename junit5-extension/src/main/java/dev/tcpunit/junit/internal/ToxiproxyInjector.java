package dev.tcpunit.junit.internal;

import dev.tcpunit.junit.ToxiproxyServer;
import dev.tcpunit.toxiproxy.EmbeddedToxiproxy;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Starts the embedded Toxiproxy server of a scope and injects it, or toxiproxy-java's client of it,
 * into {@code @ToxiproxyServer} fields and into parameters. See {@link ToxiproxyServer} for the
 * contract. Internal: not API.
 */
public final class ToxiproxyInjector {

  private static final Namespace NAMESPACE = Namespace.create(ToxiproxyInjector.class);

  /** The key of the server of a scope; found in enclosing scopes too. */
  private static final Object KEY = ToxiproxyHandle.class;

  private static final String TYPES = "one of the types ToxiproxyClient or EmbeddedToxiproxy";

  private ToxiproxyInjector() {}

  /**
   * Injects the static {@code @ToxiproxyServer} fields of the context's test class with the class's
   * server.
   *
   * @param context a class context
   */
  public static void injectStaticFields(ExtensionContext context) {
    for (Field field : annotatedFields(context.getRequiredTestClass(), true)) {
      inject(field, null, context);
    }
  }

  /**
   * Injects the instance {@code @ToxiproxyServer} fields of the test instance and of its enclosing
   * instances.
   *
   * @param context a test method's context
   */
  public static void injectInstanceFields(ExtensionContext context) {
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (Field field : annotatedFields(instance.getClass(), false)) {
        inject(field, instance, context);
      }
    }
  }

  /**
   * Tells whether a parameter is for this extension: of type {@code ToxiproxyClient} or {@code
   * EmbeddedToxiproxy}; a {@code @ToxiproxyServer} parameter must be one of them.
   *
   * @param parameter the parameter
   * @return {@code true} if this extension resolves it
   * @throws ParameterResolutionException if it is annotated but of another type
   */
  public static boolean supports(ParameterContext parameter) {
    Class<?> type = parameter.getParameter().getType();
    if (parameter.isAnnotated(ToxiproxyServer.class) && !injectable(type)) {
      throw new ParameterResolutionException(
          "@ToxiproxyServer on "
              + Elements.parameter(parameter.getParameter(), parameter.getDeclaringExecutable())
              + " requires "
              + TYPES
              + " but the type is "
              + type.getSimpleName()
              + ". Change the parameter's type.");
    }
    return injectable(type);
  }

  /**
   * Resolves a parameter: the server of the scope, or its client.
   *
   * @param parameter the parameter
   * @param context the context it is resolved in
   * @return the value
   */
  public static Object resolve(ParameterContext parameter, ExtensionContext context) {
    return valueFor(parameter.getParameter().getType(), handle(context));
  }

  private static boolean injectable(Class<?> type) {
    return type == EmbeddedToxiproxy.class || type.getName().equals(ToxiproxyClients.CLIENT_TYPE);
  }

  private static Object valueFor(Class<?> type, ToxiproxyHandle handle) {
    return type == EmbeddedToxiproxy.class ? handle.server() : handle.client();
  }

  /** The server of the nearest scope that has one, or a new one for this context. */
  private static ToxiproxyHandle handle(ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .computeIfAbsent(KEY, key -> new ToxiproxyHandle(), ToxiproxyHandle.class);
  }

  private static void inject(Field field, @Nullable Object instance, ExtensionContext context) {
    String label = "@ToxiproxyServer on " + Elements.field(field);
    if (!injectable(field.getType())) {
      throw new ExtensionConfigurationException(
          label
              + " requires "
              + TYPES
              + " but the type is "
              + field.getType().getSimpleName()
              + ". Change the field's type.");
    }
    if (Modifier.isFinal(field.getModifiers())) {
      throw new ExtensionConfigurationException(
          label
              + " requires a field that is not final but it is final. Remove the final modifier.");
    }
    Object value = valueFor(field.getType(), handle(context));
    try {
      ReflectionSupport.makeAccessible(field).set(instance, value);
    } catch (IllegalAccessException | RuntimeException e) {
      throw new ExtensionConfigurationException(
          label + " requires an accessible field but setting it failed: " + e, e);
    }
  }

  private static List<Field> annotatedFields(Class<?> type, boolean statics) {
    return AnnotationSupport.findAnnotatedFields(
        type, ToxiproxyServer.class, field -> ModifierSupport.isStatic(field) == statics);
  }
}
