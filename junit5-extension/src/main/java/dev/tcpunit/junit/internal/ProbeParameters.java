package dev.tcpunit.junit.internal;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** Resolves a {@code ConnectionProbe} parameter without {@code @TcpServer}. */
final class ProbeParameters {

  private ProbeParameters() {}

  /** The probe of the one server in scope, counting the method's own {@code @TcpServer}s. */
  static Object resolve(ParameterContext parameter, ExtensionContext context) {
    Executable executable = parameter.getDeclaringExecutable();
    if (executable instanceof Method method) {
      ServerInjector.startParameters(method, context);
    }
    context
        .getTestMethod()
        .filter(m -> !m.equals(executable))
        .ifPresent(m -> ServerInjector.startParameters(m, context));
    List<ServerHandle> servers = Scope.servers(context);
    if (servers.size() == 1) {
      return servers.get(0).server().probe();
    }
    String element = Elements.parameter(parameter.getParameter(), executable);
    String on = "P" + element.substring(1) + " requires exactly one @TcpServer in scope but ";
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
