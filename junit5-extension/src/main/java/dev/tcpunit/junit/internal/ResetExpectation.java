package dev.tcpunit.junit.internal;

import dev.tcpunit.junit.ExpectReset;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The callbacks behind {@code @ExpectReset}; see {@link ExpectReset} for the contract. Internal:
 * not API.
 */
public final class ResetExpectation {

  /** Keys the watch of one test invocation. */
  private record WatchKey(String uniqueId) {}

  private ResetExpectation() {}

  /**
   * Checks the declaration, starts the test method's own servers and notes which connections
   * already ended.
   *
   * @param context the test's context
   */
  public static void before(ExtensionContext context) {
    Optional<Method> method = context.getTestMethod();
    Optional<ExpectReset> annotation =
        method.flatMap(m -> AnnotationSupport.findAnnotation(m, ExpectReset.class));
    if (annotation.isEmpty()) {
      return;
    }
    ExpectReset expect = annotation.get();
    String element = Elements.executable(method.get());
    String on = "@ExpectReset on " + element + " requires ";
    checkCounts(expect, on);
    Duration timeout = Timeouts.defaultTimeout(context);
    ServerInjector.startParameters(method.get(), context);
    List<ServerHandle> servers = Scope.servers(context);
    if (servers.isEmpty()) {
      throw new ExtensionConfigurationException(
          on
              + "a @TcpServer or @Proxied in scope but none was declared."
              + " Declare one on a field or parameter.");
    }
    if (!expect.server().isEmpty()) {
      servers = named(servers, expect.server(), on);
    }
    Scope.store(context)
        .put(
            new WatchKey(context.getUniqueId()), new ResetWatch(expect, element, servers, timeout));
  }

  private static void checkCounts(ExpectReset expect, String on) {
    if (expect.atLeast() < 1) {
      throw new ExtensionConfigurationException(
          on
              + "atLeast to be >= 1 but it is "
              + expect.atLeast()
              + ". Use a positive count, or remove @ExpectReset if no reset is expected.");
    }
    if (expect.atMost() < expect.atLeast()) {
      throw new ExtensionConfigurationException(
          on
              + "atMost >= atLeast but atMost is "
              + expect.atMost()
              + " and atLeast is "
              + expect.atLeast()
              + ". Raise atMost or lower atLeast.");
    }
  }

  private static List<ServerHandle> named(List<ServerHandle> servers, String name, String on) {
    List<ServerHandle> named =
        servers.stream().filter(s -> s.name().equals(name)).collect(Collectors.toList());
    if (!named.isEmpty()) {
      return named;
    }
    List<String> names =
        servers.stream()
            .map(ServerHandle::name)
            .filter(n -> !n.isEmpty())
            .distinct()
            .map(n -> "\"" + n + "\"")
            .collect(Collectors.toList());
    String actual =
        names.isEmpty()
            ? "no server in scope has a name. Name"
            : "the names in scope are "
                + Messages.join(names, "and")
                + ". Use one of them, or name";
    throw new ExtensionConfigurationException(
        on
            + "a @TcpServer named \""
            + name
            + "\" in scope but "
            + actual
            + " a server \""
            + name
            + "\".");
  }

  /**
   * Swallows the surfaced reset an {@code @ExpectReset} test expects; rethrows anything else, or
   * fails when a test that should recover threw a reset.
   *
   * @param context the test's context
   * @param thrown what the test threw
   * @throws Throwable {@code thrown} or the failure
   */
  public static void handle(ExtensionContext context, Throwable thrown) throws Throwable {
    ResetWatch watch =
        Scope.store(context).get(new WatchKey(context.getUniqueId()), ResetWatch.class);
    if (watch == null) {
      throw thrown;
    }
    watch.thrown(thrown);
  }

  /**
   * Verifies the connections after the test method, unless the test already failed.
   *
   * @param context the test's context
   */
  public static void after(ExtensionContext context) {
    ResetWatch watch =
        Scope.store(context).remove(new WatchKey(context.getUniqueId()), ResetWatch.class);
    if (watch == null || context.getExecutionException().isPresent()) {
      return;
    }
    watch.verify();
  }
}
