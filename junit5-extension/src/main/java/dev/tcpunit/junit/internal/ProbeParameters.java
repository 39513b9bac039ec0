package dev.tcpunit.junit.internal;

import dev.tcpunit.server.ScriptedServer;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * Resolves a {@code ConnectionProbe}, {@code SSLContext} or {@code X509TrustManager} parameter
 * without {@code @TcpServer}: the probe of the one server in scope, the trust of the one TLS
 * server.
 */
final class ProbeParameters {

  private ProbeParameters() {}

  /** The probe of the one server in scope, counting the method's own {@code @TcpServer}s. */
  static Object resolve(ParameterContext parameter, ExtensionContext context) {
    return one(parameter, context, server -> true, "@TcpServer").server().probe();
  }

  /** The trust material of the one TLS server in scope. */
  static Object resolveTrust(ParameterContext parameter, ExtensionContext context) {
    ScriptedServer server =
        one(parameter, context, handle -> handle.spec().tls(), "@TcpServer(tls = true)").server();
    return parameter.getParameter().getType() == SSLContext.class
        ? server.tls().sslContext()
        : server.tls().trustManager();
  }

  /**
   * Whether a TLS server is in scope or declared by the parameter's method, so that a plain {@code
   * SSLContext} or {@code X509TrustManager} parameter is this extension's to resolve.
   */
  static boolean tlsInScope(ParameterContext parameter, ExtensionContext context) {
    if (Scope.servers(context).stream().anyMatch(handle -> handle.spec().tls())) {
      return true;
    }
    return parameter.getDeclaringExecutable() instanceof Method method
        && ServerInjector.parameterDeclarations(method).stream().anyMatch(d -> d.spec().tls());
  }

  private static ServerHandle one(
      ParameterContext parameter,
      ExtensionContext context,
      Predicate<ServerHandle> eligible,
      String annotation) {
    Executable executable = parameter.getDeclaringExecutable();
    if (executable instanceof Method method) {
      ServerInjector.startParameters(method, context);
    }
    context
        .getTestMethod()
        .filter(m -> !m.equals(executable))
        .ifPresent(m -> ServerInjector.startParameters(m, context));
    List<ServerHandle> servers =
        Scope.servers(context).stream().filter(eligible).collect(Collectors.toList());
    if (servers.size() == 1) {
      return servers.get(0);
    }
    String element = Elements.parameter(parameter.getParameter(), executable);
    String on =
        "P" + element.substring(1) + " requires exactly one " + annotation + " in scope but ";
    if (servers.isEmpty()) {
      throw new ParameterResolutionException(
          on + "none was declared. Declare one on a field or parameter.");
    }
    List<String> labels = servers.stream().map(ServerHandle::label).collect(Collectors.toList());
    boolean allNamed = servers.stream().noneMatch(s -> s.name().isEmpty());
    String fix =
        allNamed
            ? "Annotate the parameter with "
                + Messages.join(
                    servers.stream()
                        .map(s -> "@TcpServer(\"" + s.name() + "\")")
                        .collect(Collectors.toList()),
                    "or")
                + "."
            : "Name the servers, for example @TcpServer(\"backend\"), and annotate the parameter"
                + " with the name of one.";
    throw new ParameterResolutionException(
        on + "found " + servers.size() + ": " + Messages.join(labels, "and") + ". " + fix);
  }
}
