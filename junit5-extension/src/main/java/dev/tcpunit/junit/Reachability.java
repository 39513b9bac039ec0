package dev.tcpunit.junit;

import dev.tcpunit.os.Tcp;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The check behind {@link EnabledIfReachable} and {@link DisabledIfReachable}: validates the
 * annotation's attributes, tries the connection, and words the result.
 */
final class Reachability {

  private final String annotation;
  private final String element;
  private final String host;
  private final int port;
  private final long timeoutMillis;
  private final String customReason;

  Reachability(
      String annotation,
      AnnotatedElement element,
      String host,
      int port,
      long timeoutMillis,
      String customReason) {
    this.annotation = "@" + annotation;
    this.element = describe(element);
    this.host = host;
    this.port = port;
    this.timeoutMillis = timeoutMillis;
    this.customReason = customReason;
    if (host.isBlank()) {
      throw invalid("host '" + host + "'", "a host name or address");
    }
    if (port < 1 || port > 65535) {
      throw invalid("port " + port, "1-65535");
    }
    if (timeoutMillis <= 0) {
      throw invalid("timeoutMillis " + timeoutMillis, "positive");
    }
  }

  /** Runs when reachable: enabled if the target answers, disabled otherwise. */
  ConditionEvaluationResult enabledIfReachable() {
    return isReachable()
        ? ConditionEvaluationResult.enabled(target() + " is reachable")
        : disabled(target() + " is not reachable within " + timeoutMillis + " ms");
  }

  /** Runs when not reachable: disabled if the target answers, enabled otherwise. */
  ConditionEvaluationResult disabledIfReachable() {
    return isReachable()
        ? disabled(target() + " is reachable")
        : ConditionEvaluationResult.enabled(
            target() + " is not reachable within " + timeoutMillis + " ms");
  }

  private boolean isReachable() {
    return Tcp.isReachable(host, port, Duration.ofMillis(timeoutMillis));
  }

  private ConditionEvaluationResult disabled(String why) {
    String reason = why + " (" + annotation + " on " + element + ")";
    return customReason.isBlank()
        ? ConditionEvaluationResult.disabled(reason)
        : ConditionEvaluationResult.disabled(reason, customReason);
  }

  private String target() {
    return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  private ExtensionConfigurationException invalid(String actual, String rule) {
    return new ExtensionConfigurationException(
        annotation
            + " on "
            + element
            + " has "
            + actual
            + " but it must be "
            + rule
            + ". Fix the annotation's attribute.");
  }

  private static String describe(AnnotatedElement element) {
    if (element instanceof Method method) {
      String parameters =
          Arrays.stream(method.getParameterTypes())
              .map(Class::getSimpleName)
              .collect(Collectors.joining(", ", "(", ")"));
      return "method ["
          + method.getReturnType().getSimpleName()
          + " "
          + method.getDeclaringClass().getSimpleName()
          + "."
          + method.getName()
          + parameters
          + "]";
    }
    if (element instanceof Class<?> type) {
      return "class [" + type.getSimpleName() + "]";
    }
    return String.valueOf(element);
  }
}
