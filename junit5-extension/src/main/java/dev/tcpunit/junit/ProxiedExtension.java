package dev.tcpunit.junit;

import dev.tcpunit.junit.internal.ProxyInjector;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The extension behind {@link Proxied @Proxied} and {@link Toxic @Toxic}; see those. */
final class ProxiedExtension
    implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return ProxyInjector.evaluate(context);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    ProxyInjector.injectStaticFields(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ProxyInjector.beforeEach(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return ProxyInjector.supports(parameter);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return ProxyInjector.resolve(parameter, context);
  }

  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(
      ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }
}
