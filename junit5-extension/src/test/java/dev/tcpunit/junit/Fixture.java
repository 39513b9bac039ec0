package dev.tcpunit.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class as a fixture: it runs only through {@link TestKit} (which sets the
 * configuration parameter {@value #PARAMETER}), never on its own, for example when an IDE runs a
 * whole package. Fixtures are {@code static class XxxTestCase} nested in the test that runs them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Fixture.OnlyInTestKit.class)
@interface Fixture {

  String PARAMETER = "tcpunit.testkit.fixture";

  /** Disables a fixture class unless the test kit runs it. */
  final class OnlyInTestKit implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(PARAMETER).isPresent()
          ? ConditionEvaluationResult.enabled("run by the test kit")
          : ConditionEvaluationResult.disabled("a fixture: runs only through TestKit");
    }
  }
}
