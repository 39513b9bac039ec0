package dev.tcpunit.junit.internal;

import dev.tcpunit.junit.TcpServer;
import dev.tcpunit.probe.ConnectionProbe;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Starts the servers of {@code @TcpServer} declarations and injects them into fields and
 * parameters. See {@link TcpServer} for the contract. Internal: not API.
 */
public final class ServerInjector {

  private ServerInjector() {}

  /**
   * Injects the static fields of the context's test class.
   *
   * @param context a class context
   */
  public static void injectStaticFields(ExtensionContext context) {
    for (Field field : annotatedFields(context.getRequiredTestClass(), true)) {
      inject(field, null, context);
    }
  }

  /**
   * Injects the instance fields of the test instance and of its enclosing instances.
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
   * Tells whether a parameter is for this extension: annotated with {@code @TcpServer} (whose type
   * and attributes must then be valid), a plain {@link ConnectionProbe}, or a plain {@code
   * SSLContext} or {@code X509TrustManager} while a TLS server is in scope.
   *
   * @param parameter the parameter
   * @param context the context it is resolved in
   * @return {@code true} if this extension resolves it
   * @throws ParameterResolutionException if it is annotated but invalid
   */
  public static boolean supports(ParameterContext parameter, ExtensionContext context) {
    Optional<TcpServer> annotation = parameter.findAnnotation(TcpServer.class);
    if (annotation.isPresent()) {
      declaration(parameter, annotation.get());
      return true;
    }
    Class<?> type = parameter.getParameter().getType();
    if (Declaration.isTrustType(type)) {
      return ProbeParameters.tlsInScope(parameter, context);
    }
    return type == ConnectionProbe.class;
  }

  /**
   * Resolves a parameter: the value of its own server, or the probe of the one server in scope.
   *
   * @param parameter the parameter
   * @param context the context it is resolved in
   * @return the value
   */
  public static Object resolve(ParameterContext parameter, ExtensionContext context) {
    Optional<TcpServer> annotation = parameter.findAnnotation(TcpServer.class);
    Executable executable = parameter.getDeclaringExecutable();
    if (annotation.isPresent()) {
      Declaration declaration = declaration(parameter, annotation.get());
      return declaration.valueFor(obtain(declaration, context, executable).server());
    }
    if (Declaration.isTrustType(parameter.getParameter().getType())) {
      return ProbeParameters.resolveTrust(parameter, context);
    }
    return ProbeParameters.resolve(parameter, context);
  }

  /**
   * Starts the servers declared by a method's {@code @TcpServer} parameters ahead of its call, so
   * that they count as "in scope" before it runs.
   *
   * @param method the method
   * @param context the context it runs in
   */
  public static void startParameters(Method method, ExtensionContext context) {
    for (Declaration declaration : parameterDeclarations(method)) {
      obtain(declaration, context, method).server();
    }
  }

  private static Declaration declaration(ParameterContext parameter, TcpServer annotation) {
    return Declaration.of(
        parameter.getParameter(),
        parameter.getIndex(),
        parameter.getDeclaringExecutable(),
        annotation);
  }

  private static void inject(Field field, @Nullable Object instance, ExtensionContext context) {
    Declaration declaration = fieldDeclaration(field);
    Object value = declaration.valueFor(obtain(declaration, context, null).server());
    try {
      ReflectionSupport.makeAccessible(field).set(instance, value);
    } catch (IllegalAccessException | RuntimeException e) {
      throw new ExtensionConfigurationException(
          declaration.label() + " requires an accessible field but setting it failed: " + e, e);
    }
  }

  /**
   * The server of a declaration: found in scope or started in this context. A named server is
   * configured by the one declaration of its name in this context that sets attributes.
   */
  static ServerHandle obtain(
      Declaration declaration, ExtensionContext context, @Nullable Executable at) {
    if (declaration.name().isEmpty()) {
      return Scope.lookup(context, declaration.key(), declaration);
    }
    Optional<ServerHandle> existing = Scope.find(context, declaration.key());
    if (existing.isPresent()) {
      checkSameConfiguration(declaration, existing.get().definedBy());
      return existing.get();
    }
    Declaration definer = declaration;
    for (Declaration sibling : siblings(context, at, declaration.name())) {
      if (sibling.spec().isDefinition()) {
        if (definer.spec().isDefinition()) {
          checkSameConfiguration(sibling, definer);
        } else {
          definer = sibling;
        }
      }
    }
    checkSameConfiguration(declaration, definer);
    return Scope.lookup(context, declaration.key(), definer);
  }

  private static void checkSameConfiguration(Declaration declaration, Declaration definer) {
    if (declaration.spec().isDefinition() && !declaration.spec().equals(definer.spec())) {
      String name = "\"" + declaration.name() + "\"";
      throw declaration.fail(
          declaration.label()
              + " requires one configuration per server name but "
              + name
              + " is configured differently by "
              + definer.element()
              + ". Configure "
              + name
              + " in one place and refer to it elsewhere with @TcpServer("
              + name
              + ") alone.",
          null);
    }
  }

  /** The declarations of a name that share this context's scope level. */
  private static List<Declaration> siblings(
      ExtensionContext context, @Nullable Executable at, String name) {
    List<Declaration> all = new ArrayList<>();
    Optional<Method> testMethod = context.getTestMethod();
    if (testMethod.isPresent()) {
      for (Object instance :
          context.getTestInstances().map(i -> i.getAllInstances()).orElse(List.of())) {
        annotatedFields(instance.getClass(), false).forEach(f -> all.add(fieldDeclaration(f)));
      }
      all.addAll(parameterDeclarations(testMethod.get()));
    } else {
      annotatedFields(context.getRequiredTestClass(), true)
          .forEach(f -> all.add(fieldDeclaration(f)));
    }
    if (at instanceof Method method && !testMethod.filter(method::equals).isPresent()) {
      all.addAll(parameterDeclarations(method));
    }
    return all.stream().filter(d -> d.name().equals(name)).collect(Collectors.toList());
  }

  private static List<Field> annotatedFields(Class<?> type, boolean statics) {
    return AnnotationSupport.findAnnotatedFields(
        type, TcpServer.class, field -> ModifierSupport.isStatic(field) == statics);
  }

  private static Declaration fieldDeclaration(Field field) {
    return Declaration.of(
        field, AnnotationSupport.findAnnotation(field, TcpServer.class).orElseThrow());
  }

  static List<Declaration> parameterDeclarations(Method method) {
    List<Declaration> declarations = new ArrayList<>();
    Parameter[] parameters = method.getParameters();
    for (int i = 0; i < parameters.length; i++) {
      Optional<TcpServer> annotation =
          AnnotationSupport.findAnnotation(parameters[i], TcpServer.class);
      if (annotation.isPresent()) {
        declarations.add(Declaration.of(parameters[i], i, method, annotation.get()));
      }
    }
    return declarations;
  }
}
