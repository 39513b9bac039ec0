package dev.tcpunit.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method only if a TCP connection to {@code host:port} can be
 * established within the timeout: what {@code nc -z} answers, through {@link
 * dev.tcpunit.os.Tcp#isReachable(String, int, java.time.Duration)}. Otherwise the test is skipped
 * with a reason like {@code localhost:6379 is not reachable within 500 ms (@EnabledIfReachable on
 * method [void CacheTests.evicts()])}.
 *
 * <pre>{@code
 * @Test
 * @EnabledIfReachable(port = 6379)
 * void talksToTheLocalRedis() { ... }
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 *
 * The connection is tried when JUnit evaluates the condition, before the class or method runs, and
 * closed at once; each annotated element tries again (no result is cached, since a service may come
 * and go during a run). A name with several addresses is tried address by address within the
 * timeout.
 *
 * <h2>Scope</h2>
 *
 * On a class, the condition applies to the whole class; on a method, to that method.
 *
 * <h2>Clean-up</h2>
 *
 * Nothing is left behind but the closed connection (in TIME_WAIT on this side).
 *
 * <h2>Thread-safety</h2>
 *
 * The condition keeps no state; it is safe under parallel execution.
 *
 * @see DisabledIfReachable
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(EnabledIfReachableCondition.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface EnabledIfReachable {

  /**
   * The host to connect to: a name or an address.
   *
   * @return the host, {@code localhost} by default
   */
  String host() default "localhost";

  /**
   * The port to connect to.
   *
   * @return the port, 1-65535
   */
  int port();

  /**
   * How long the connect may take, in milliseconds.
   *
   * @return the timeout, positive; 500 by default
   */
  long timeoutMillis() default 500;

  /**
   * A reason to show, in addition to the generated one, when the test is skipped.
   *
   * @return the reason, none by default
   */
  String disabledReason() default "";
}
