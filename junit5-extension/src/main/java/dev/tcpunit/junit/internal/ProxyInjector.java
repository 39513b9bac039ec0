package dev.tcpunit.junit.internal;

import dev.tcpunit.junit.Proxied;
import dev.tcpunit.junit.Toxic;
import dev.tcpunit.proxy.FaultProxy;
import dev.tcpunit.proxy.InProcessProxy;
import dev.tcpunit.proxy.ToxicHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Starts the proxies of {@code @Proxied} declarations, injects them, and adds the {@code @Toxic}s
 * of test methods and classes around each test. See {@link Proxied} for the contract. Internal: not
 * API.
 */
public final class ProxyInjector {

  private static final Namespace NAMESPACE = Namespace.create(Proxied.class);

  /** Keys the list of proxies started in one context; unique per context. */
  private record RegistryKey(String uniqueId) {}

  /** Keys the handles of the method and class toxics of one test. */
  private record ToxicsKey(String uniqueId) {}

  /** The proxies started in one context, by name, in start order. */
  private static final class Registry {
    final List<Map.Entry<String, FaultProxy>> proxies = new CopyOnWriteArrayList<>();
  }

  /** Removes a test's toxics, last added first. */
  private record Handles(List<ToxicHandle> handles) implements AutoCloseable {
    @Override
    public void close() {
      List<ToxicHandle> reversed = new ArrayList<>(handles);
      Collections.reverse(reversed);
      for (ToxicHandle handle : reversed) {
        handle.close();
      }
    }
  }

  private ProxyInjector() {}

  /**
   * Injects the static {@code @Proxied} fields of the context's test class.
   *
   * @param context a class context
   */
  public static void injectStaticFields(ExtensionContext context) {
    for (Field field : fields(context.getRequiredTestClass(), true)) {
      inject(field, null, context);
    }
  }

  /**
   * Skips a class with {@code @Proxied} container fields when no Docker engine answers, unless told
   * to fail.
   *
   * @param context a class or method context
   * @return the decision
   */
  public static ConditionEvaluationResult evaluate(ExtensionContext context) {
    return ContainerInjector.evaluate(context);
  }

  /**
   * Injects the instance fields, starts the test method's {@code @Proxied} parameters, then adds
   * the toxics of the test classes and method to the proxies in scope until the test ends.
   *
   * @param context a test method's context
   */
  public static void beforeEach(ExtensionContext context) {
    List<Object> instances = context.getRequiredTestInstances().getAllInstances();
    for (Object instance : instances) {
      for (Field field : fields(instance.getClass(), false)) {
        inject(field, instance, context);
      }
    }
    Method method = context.getRequiredTestMethod();
    Parameter[] parameters = method.getParameters();
    for (int i = 0; i < parameters.length; i++) {
      Optional<Proxied> proxied = AnnotationSupport.findAnnotation(parameters[i], Proxied.class);
      if (proxied.isPresent() && !proxied.get().upstream().isEmpty()) {
        obtain(ProxyDeclaration.of(parameters[i], i, method), context);
      }
    }
    List<Map.Entry<Toxic, String>> toxics = new ArrayList<>();
    for (Object instance : instances) {
      Class<?> type = instance.getClass();
      for (Toxic toxic : ToxicDeclarations.on(type)) {
        toxics.add(Map.entry(toxic, "class [" + type.getSimpleName() + "]"));
      }
    }
    for (Toxic toxic : ToxicDeclarations.on(method)) {
      toxics.add(Map.entry(toxic, Elements.executable(method)));
    }
    if (!toxics.isEmpty()) {
      List<ToxicHandle> handles =
          ToxicDeclarations.addAll(
              toxics, proxiesInScope(context), ExtensionConfigurationException::new);
      store(context).put(new ToxicsKey(context.getUniqueId()), new Handles(handles));
    }
  }

  /**
   * Tells whether a parameter is a {@code @Proxied} declaration, checking it.
   *
   * @param parameter the parameter
   * @return {@code true} if it is annotated with {@code @Proxied}
   */
  public static boolean supports(ParameterContext parameter) {
    if (!parameter.isAnnotated(Proxied.class)) {
      return false;
    }
    if (ContainerInjector.supports(parameter)) {
      return true;
    }
    declaration(parameter);
    return true;
  }

  /**
   * The proxy of a {@code @Proxied} parameter, started on first use in the context.
   *
   * @param parameter the parameter
   * @param context the context it is resolved in
   * @return the proxy
   */
  public static Object resolve(ParameterContext parameter, ExtensionContext context) {
    if (ContainerInjector.supports(parameter)) {
      return ContainerInjector.resolve(parameter, context);
    }
    return obtain(declaration(parameter), context);
  }

  private static ProxyDeclaration declaration(ParameterContext parameter) {
    return ProxyDeclaration.of(
        parameter.getParameter(), parameter.getIndex(), parameter.getDeclaringExecutable());
  }

  private static void inject(Field field, @Nullable Object instance, ExtensionContext context) {
    if (ContainerInjector.isContainer(field.getType())) {
      String where = Elements.field(field);
      List<dev.tcpunit.proxy.Toxic> toxics =
          ToxicDeclarations.on(field).stream()
              .map(t -> ToxicDeclarations.toToxic(t, where, ExtensionConfigurationException::new))
              .toList();
      FaultProxy proxy = ContainerInjector.open(field, instance, context);
      registry(context)
          .proxies
          .add(
              Map.entry(
                  AnnotationSupport.findAnnotation(field, Proxied.class).orElseThrow().name(),
                  proxy));
      for (dev.tcpunit.proxy.Toxic toxic : toxics) {
        try {
          proxy.add(toxic);
        } catch (IllegalArgumentException e) {
          throw new ExtensionConfigurationException(
              "@Toxic(type = \""
                  + toxic.type()
                  + "\") on "
                  + where
                  + " requires a toxic the proxy supports but "
                  + e.getMessage(),
              e);
        }
      }
      return;
    }
    ProxyDeclaration declaration = ProxyDeclaration.of(field);
    InProcessProxy proxy = obtain(declaration, context);
    try {
      ReflectionSupport.makeAccessible(field).set(instance, proxy);
    } catch (IllegalAccessException | RuntimeException e) {
      throw declaration.fail(
          declaration.label() + " requires an accessible field but setting it failed: " + e);
    }
  }

  private static InProcessProxy obtain(ProxyDeclaration declaration, ExtensionContext context) {
    return store(context)
        .computeIfAbsent(
            declaration.key(),
            key -> {
              InProcessProxy proxy = declaration.start();
              registry(context).proxies.add(Map.entry(declaration.name(), proxy));
              return proxy;
            },
            InProcessProxy.class);
  }

  /** The proxies of this context and the enclosing ones. */
  private static List<Map.Entry<String, FaultProxy>> proxiesInScope(ExtensionContext context) {
    List<Map.Entry<String, FaultProxy>> all = new ArrayList<>();
    for (Optional<ExtensionContext> c = Optional.of(context);
        c.isPresent();
        c = c.get().getParent()) {
      Registry registry =
          store(c.get()).get(new RegistryKey(c.get().getUniqueId()), Registry.class);
      if (registry != null) {
        all.addAll(0, registry.proxies);
      }
    }
    return all;
  }

  private static Registry registry(ExtensionContext context) {
    return store(context)
        .computeIfAbsent(
            new RegistryKey(context.getUniqueId()), k -> new Registry(), Registry.class);
  }

  private static Store store(ExtensionContext context) {
    return context.getStore(NAMESPACE);
  }

  private static List<Field> fields(Class<?> type, boolean statics) {
    return AnnotationSupport.findAnnotatedFields(
        type, Proxied.class, field -> ModifierSupport.isStatic(field) == statics);
  }
}
