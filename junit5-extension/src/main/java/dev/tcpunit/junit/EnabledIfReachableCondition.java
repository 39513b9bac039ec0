package dev.tcpunit.junit;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** The condition behind {@link EnabledIfReachable}; see there. */
final class EnabledIfReachableCondition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<EnabledIfReachable> found =
        context
            .getElement()
            .flatMap(e -> AnnotationSupport.findAnnotation(e, EnabledIfReachable.class));
    if (found.isEmpty()) {
      return ConditionEvaluationResult.enabled("@EnabledIfReachable is not present");
    }
    EnabledIfReachable a = found.get();
    return new Reachability(
            "EnabledIfReachable",
            context.getElement().orElseThrow(),
            a.host(),
            a.port(),
            a.timeoutMillis(),
            a.disabledReason())
        .enabledIfReachable();
  }
}
