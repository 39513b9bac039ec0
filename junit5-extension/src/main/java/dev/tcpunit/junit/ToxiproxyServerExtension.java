package dev.tcpunit.junit;

import dev.tcpunit.junit.internal.ToxiproxyInjector;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The extension behind {@link ToxiproxyServer @ToxiproxyServer}; see that annotation. */
final class ToxiproxyServerExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  @Override
  public void beforeAll(ExtensionContext context) {
    ToxiproxyInjector.injectStaticFields(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ToxiproxyInjector.injectInstanceFields(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return ToxiproxyInjector.supports(parameter);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return ToxiproxyInjector.resolve(parameter, context);
  }

  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(
      ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }
}
