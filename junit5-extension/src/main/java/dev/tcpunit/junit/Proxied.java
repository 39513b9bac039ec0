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
 * Starts an in-process {@link dev.tcpunit.proxy.FaultProxy} on loopback in front of an upstream
 * service and injects it into a field or parameter of type {@link dev.tcpunit.proxy.FaultProxy} or
 * {@link dev.tcpunit.proxy.InProcessProxy}. Point the client at the proxy's {@code
 * listenAddress()}; add faults with {@link Toxic @Toxic} or with {@code proxy.add(...)}.
 *
 * <pre>{@code
 * @Test
 * void slowDatabase(
 *     @Proxied(upstream = "localhost:5432") @Toxic(type = "latency", attributes = "latency=500")
 *         FaultProxy db) {
 *   // connect the client to db.listenAddress(): every answer comes half a second late
 * }
 * }</pre>
 *
 * <h2>Toxics</h2>
 *
 * {@link Toxic @Toxic} annotations on the same field or parameter are in place before the proxy
 * accepts its first connection. {@code @Toxic} on a test method or test class applies to the
 * proxies in scope for each test and is removed after it.
 *
 * <h2>Scope</h2>
 *
 * A static field's proxy serves every test of the class, including {@code @Nested} classes; an
 * instance field's or a parameter's proxy serves one test invocation. Parameters of test methods
 * are started before {@code @BeforeEach} callbacks end, so that method-level toxics find them.
 *
 * <h2>Lifecycle</h2>
 *
 * Static fields are injected before all tests of their class, instance fields and test method
 * parameters before each test. The proxy listens on a free ephemeral port of the loopback address.
 *
 * <h2>Clean-up</h2>
 *
 * A proxy is closed when its scope ends, also when the test fails: it stops listening and closes
 * every connection; its probe stays readable.
 *
 * <h2>Thread-safety</h2>
 *
 * Proxies are thread-safe; every proxy has its own port, so tests may run in parallel.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ProxiedExtension.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface Proxied {

  /**
   * The service to relay to, as {@code host:port} ({@code [::1]:5432} for an IPv6 address).
   *
   * @return the upstream address
   */
  String upstream();

  /**
   * The proxy's name, which {@link Toxic#proxy()} refers to when several proxies are in scope.
   *
   * @return the name, or empty for none
   */
  String name() default "";

  /**
   * The seed of the proxy's random decisions (toxicity, jitter, slicing, corruption), as a decimal
   * {@code long}, to replay a run whose timeline printed it; empty (the default) for a fresh seed.
   *
   * @return the seed, or empty
   */
  String seed() default "";
}
