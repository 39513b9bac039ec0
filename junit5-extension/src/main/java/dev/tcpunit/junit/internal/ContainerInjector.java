package dev.tcpunit.junit.internal;

import dev.tcpunit.junit.Proxied;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.proxy.FaultProxy;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Starts the proxies of {@code @Proxied} container fields and resolves the parameters that refer to
 * them. See {@link Proxied} for the contract. Touches Testcontainers only when a declaration
 * exists. Internal: not API.
 */
public final class ContainerInjector {

  static final List<Class<?>> TYPES =
      List.of(FaultProxy.class, ConnectionProbe.class, InetSocketAddress.class, int.class);

  private ContainerInjector() {}

  /**
   * Skips a class with {@code @Proxied} fields when no Docker engine answers, unless told to fail.
   *
   * @param context a class or method context
   * @return the decision
   */
  public static ConditionEvaluationResult evaluate(ExtensionContext context) {
    if (context.getTestMethod().isPresent() || context.getTestClass().isEmpty()) {
      return ConditionEvaluationResult.enabled("not a class");
    }
    Class<?> type = context.getTestClass().get();
    List<ProxiedDeclaration> declarations;
    try {
      declarations = ProxiedDeclaration.of(type, true);
      declarations.addAll(ProxiedDeclaration.of(type, false));
    } catch (RuntimeException invalid) {
      return ConditionEvaluationResult.enabled("an invalid @Proxied fails when the class starts");
    }
    if (declarations.isEmpty()) {
      return ConditionEvaluationResult.enabled("no @Proxied");
    }
    boolean required =
        context
                .getConfigurationParameter(Proxied.DOCKER_REQUIRED, Boolean::parseBoolean)
                .orElse(false)
            || declarations.stream().anyMatch(d -> !d.annotation().disabledWithoutDocker());
    if (required) {
      return ConditionEvaluationResult.enabled("Docker required: checked when a proxy starts");
    }
    Optional<String> missing = Docker.missing();
    return missing
        .map(
            m ->
                ConditionEvaluationResult.disabled(
                    Docker.message(declarations.get(0).label(), m, true)))
        .orElseGet(() -> ConditionEvaluationResult.enabled("a Docker engine answers"));
  }

  /**
   * Starts the proxy of a container field (and the container when it is not running).
   *
   * @param field a {@code @Proxied} field of a container type
   * @param instance the test instance, or {@code null} for a static field
   * @param context the context whose scope the proxy lives in
   * @return the proxy
   */
  public static FaultProxy open(Field field, @Nullable Object instance, ExtensionContext context) {
    ProxiedDeclaration declaration = ProxiedDeclaration.of(field);
    Object container;
    try {
      container = ReflectionSupport.makeAccessible(field).get(instance);
    } catch (IllegalAccessException | RuntimeException e) {
      throw new ExtensionConfigurationException(
          declaration.label() + " requires a readable field but reading it failed: " + e, e);
    }
    if (container == null) {
      throw new ExtensionConfigurationException(
          declaration.label()
              + " requires a container but the field is null. Initialize it where it is"
              + " declared.");
    }
    ProxyHandle handle = new ProxyHandle(declaration, container);
    ProxyScope.add(context, handle);
    ContainerProxies.start(handle, context);
    return handle.proxy();
  }

  /**
   * Whether a type is a Testcontainers container type.
   *
   * @param type a field's type
   * @return {@code true} for {@code GenericContainer} and its subclasses
   */
  public static boolean isContainer(Class<?> type) {
    return ProxiedDeclaration.isContainerType(type);
  }

  /**
   * Tells whether a parameter refers to a container's proxy: {@code @Proxied} without upstream (its
   * type must then be valid).
   *
   * @param parameter the parameter
   * @return {@code true} if this class resolves it
   * @throws ParameterResolutionException if it refers to one but is of another type
   */
  public static boolean supports(ParameterContext parameter) {
    Class<?> type = parameter.getParameter().getType();
    Optional<Proxied> annotation = parameter.findAnnotation(Proxied.class);
    if (annotation.isPresent() && annotation.get().upstream().isEmpty()) {
      if (!TYPES.contains(type)) {
        throw new ParameterResolutionException(
            "@Proxied on "
                + element(parameter)
                + " requires one of the types FaultProxy, ConnectionProbe, InetSocketAddress or"
                + " int but the type is "
                + type.getSimpleName()
                + ". Change the parameter's type, or set upstream for a proxy of its own.");
      }
      return true;
    }
    return false;
  }

  /**
   * Resolves a parameter from the proxy in scope that it names, or the only one.
   *
   * @param parameter the parameter
   * @param context the context it is resolved in
   * @return the proxy, its probe, or the address or port to connect to
   */
  public static Object resolve(ParameterContext parameter, ExtensionContext context) {
    String element = element(parameter);
    String name = parameter.findAnnotation(Proxied.class).map(Proxied::name).orElse("");
    List<ProxyHandle> all = ProxyScope.proxies(context);
    List<ProxyHandle> matching =
        all.stream()
            .filter(h -> name.isEmpty() || h.name().equals(name))
            .collect(Collectors.toList());
    if (matching.size() != 1 && !(matching.size() > 1 && !name.isEmpty())) {
      throw new ParameterResolutionException(noMatch(element, name, all));
    }
    FaultProxy proxy = matching.get(matching.size() - 1).proxy();
    Class<?> type = parameter.getParameter().getType();
    if (type == ConnectionProbe.class) {
      return proxy.probe();
    }
    if (type == InetSocketAddress.class) {
      return proxy.listenAddress();
    }
    if (type == int.class) {
      return proxy.listenAddress().getPort();
    }
    return proxy;
  }

  private static String noMatch(String element, String name, List<ProxyHandle> all) {
    String on = "P" + element.substring(1);
    if (!name.isEmpty()) {
      return on
          + " requires a @Proxied(name = \""
          + name
          + "\") container field in scope but "
          + (all.isEmpty()
              ? "none was declared"
              : "found only "
                  + Messages.join(
                      all.stream().map(ProxyHandle::label).collect(Collectors.toList()), "and"))
          + ". Declare @Proxied(name = \""
          + name
          + "\") on the container's field or fix the name.";
    }
    if (all.isEmpty()) {
      return on
          + " requires a @Proxied container field in scope but none was declared. Declare one"
          + " on a static or instance container field.";
    }
    return on
        + " requires exactly one @Proxied in scope but found "
        + all.size()
        + ": "
        + Messages.join(all.stream().map(ProxyHandle::label).collect(Collectors.toList()), "and")
        + ". Name them, for example @Proxied(name = \"db\", port = 5432), and annotate the"
        + " parameter with @Proxied(name = \"db\").";
  }

  private static String element(ParameterContext parameter) {
    return Elements.parameter(parameter.getParameter(), parameter.getDeclaringExecutable());
  }
}
