package dev.tcpunit.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.proxy.Direction;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Declares a fault of a {@link Proxied @Proxied} proxy, in Toxiproxy's terms: a type, attributes in
 * Toxiproxy's names and units, a stream and a toxicity. See {@link dev.tcpunit.proxy.Toxic} for
 * every type and attribute.
 *
 * <pre>{@code
 * @Test
 * @Toxic(type = "latency", attributes = {"latency=200", "jitter=50"})
 * @Toxic(type = "limit_data", stream = Direction.UPSTREAM, attributes = "bytes=1024")
 * void survivesASlowAndCutConnection(@Proxied(upstream = "localhost:8080") FaultProxy proxy) {}
 * }</pre>
 *
 * <h2>Scope</h2>
 *
 * On a {@code @Proxied} field or parameter, the toxic is part of that proxy from its start. On a
 * test method, or a test class (including the classes enclosing a {@code @Nested} one), it is added
 * to the proxies in scope before each test and removed after it; {@link #proxy()} picks one proxy
 * by name when there are several.
 *
 * <h2>Errors</h2>
 *
 * An unknown type or attribute, an invalid value, an attribute not written {@code name=value}, or
 * no matching proxy in scope fail the test with a message naming the declaration, the rule and the
 * fix.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(Toxics.class)
@ExtendWith(ProxiedExtension.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface Toxic {

  /**
   * Toxiproxy's type name, for example {@code "latency"}, {@code "reset_peer"} or tcpunit's {@code
   * "black_hole"}.
   *
   * @return the type
   */
  String type();

  /**
   * The attributes as {@code name=value} in Toxiproxy's names and units, for example {@code
   * "latency=100"}; missing attributes are 0, as in Toxiproxy.
   *
   * @return the attributes
   */
  String[] attributes() default {};

  /**
   * The direction the toxic acts on.
   *
   * @return {@link Direction#DOWNSTREAM} (service to client) by default
   */
  Direction stream() default Direction.DOWNSTREAM;

  /**
   * The probability, drawn per connection and direction, that the toxic applies.
   *
   * @return 0.0-1.0; 1.0 by default
   */
  double toxicity() default 1.0;

  /**
   * The toxic's name within its proxy.
   *
   * @return the name, or empty for Toxiproxy's default {@code type_stream}
   */
  String name() default "";

  /**
   * For a toxic on a method or class: the name of the {@link Proxied#name() proxy} to add it to,
   * when several are in scope.
   *
   * @return the proxy's name, or empty for the one proxy in scope
   */
  String proxy() default "";
}
