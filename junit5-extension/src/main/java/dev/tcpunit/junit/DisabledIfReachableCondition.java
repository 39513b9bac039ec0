package dev.tcpunit.junit;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** The condition behind {@link DisabledIfReachable}; see there. */
final class DisabledIfReachableCondition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<DisabledIfReachable> found =
        context
            .getElement()
            .flatMap(e -> AnnotationSupport.findAnnotation(e, DisabledIfReachable.class));
    if (found.isEmpty()) {
      return ConditionEvaluationResult.enabled("@DisabledIfReachable is not present");
    }
    DisabledIfReachable a = found.get();
    return new Reachability(
            "DisabledIfReachable",
            context.getElement().orElseThrow(),
            a.host(),
            a.port(),
            a.timeoutMillis(),
            a.disabledReason())
        .disabledIfReachable();
  }
}
