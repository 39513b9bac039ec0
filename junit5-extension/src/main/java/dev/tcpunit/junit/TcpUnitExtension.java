package dev.tcpunit.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.junit.internal.ResetExpectation;
import dev.tcpunit.junit.internal.ServerInjector;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The JUnit Jupiter extension behind {@link TcpServer @TcpServer} and {@link
 * ExpectReset @ExpectReset}; see those annotations for the contract. Both annotations register it,
 * so it never needs to be registered by hand.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TcpUnitExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        BeforeTestExecutionCallback,
        AfterTestExecutionCallback,
        TestExecutionExceptionHandler,
        ParameterResolver {

  /** Creates the extension; JUnit does this when an annotation registers it. */
  public TcpUnitExtension() {}

  /**
   * Starts and injects the servers of static {@code @TcpServer} fields.
   *
   * @param context the class's context
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    ServerInjector.injectStaticFields(context);
  }

  /**
   * Starts and injects the servers of instance {@code @TcpServer} fields, of the test instance and
   * of its enclosing instances.
   *
   * @param context the test's context
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    ServerInjector.injectInstanceFields(context);
  }

  /**
   * Checks an {@code @ExpectReset} declaration and notes the connections that already ended.
   *
   * @param context the test's context
   */
  @Override
  public void beforeTestExecution(ExtensionContext context) {
    ResetExpectation.before(context);
  }

  /**
   * Swallows the connection reset an {@code @ExpectReset} test expects; rethrows anything else.
   *
   * @param context the test's context
   * @param throwable what the test threw
   * @throws Throwable {@code throwable}, or an assertion failure describing a mismatch
   */
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    ResetExpectation.handle(context, throwable);
  }

  /**
   * Verifies an {@code @ExpectReset} test's connections.
   *
   * @param context the test's context
   */
  @Override
  public void afterTestExecution(ExtensionContext context) {
    ResetExpectation.after(context);
  }

  /**
   * Tells whether a parameter is a {@code @TcpServer} declaration, a plain {@code ConnectionProbe},
   * or a plain {@code SSLContext} or {@code X509TrustManager} while a TLS server is in scope.
   *
   * @param parameterContext the parameter
   * @param extensionContext the context
   * @return {@code true} for the parameters this extension resolves
   */
  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return ServerInjector.supports(parameterContext, extensionContext);
  }

  /**
   * Starts (or finds) the parameter's server and returns what the parameter's type asks for.
   *
   * @param parameterContext the parameter
   * @param extensionContext the context
   * @return the server, its probe, address, port, URI or trust material
   */
  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return ServerInjector.resolve(parameterContext, extensionContext);
  }

  /**
   * Resolves constructor parameters in the scope of the test method, so that their servers live as
   * long as one test invocation.
   *
   * @param rootContext the context
   * @return {@link ExtensionContextScope#TEST_METHOD}
   */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(
      ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }
}
