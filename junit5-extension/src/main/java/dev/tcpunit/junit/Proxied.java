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
 * {@link dev.tcpunit.proxy.InProcessProxy}; or, on a Testcontainers container field, fronts one of
 * the container's ports (see "Containers" below). Point the client at the proxy's {@code
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
 * <h2>Containers</h2>
 *
 * On a field of a {@code org.testcontainers.containers.GenericContainer} type (static or instance,
 * managed by Testcontainers' {@code @Container} or not), {@code @Proxied} starts the container when
 * it is not running yet, then a proxy in front of its {@link #port}; {@link #upstream} stays empty.
 *
 * <pre>{@code
 * @Proxied(port = 6379)
 * static GenericContainer<?> redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
 *
 * @Test
 * void retriesAfterReset(@Proxied FaultProxy proxy, @Proxied InetSocketAddress address) {
 *   proxy.add(Toxic.resetPeer(0));
 *   // connect the client to address; assert on proxy.probe()
 * }
 * }</pre>
 *
 * A {@code @Proxied} parameter without {@code upstream} receives the container proxy in scope (the
 * one of its {@link #name}, or the only one): as a {@link dev.tcpunit.proxy.FaultProxy}, its {@link
 * dev.tcpunit.probe.ConnectionProbe}, or the {@link java.net.InetSocketAddress} or {@code int} port
 * the client must connect to. The {@link #backend} is the in-process proxy in front of the port
 * Docker maps to the host (only the target needs Docker), or a Toxiproxy container on the target's
 * network. A container that fails to start fails the class or test with the last lines of its log;
 * a container tcpunit started is stopped and removed with the proxy's scope. Without a Docker
 * engine the class is skipped ({@link #disabledWithoutDocker}), or fails when the configuration
 * parameter {@value #DOCKER_REQUIRED} is {@code true}.
 *
 * <h2>The Toxiproxy backend</h2>
 *
 * With {@code backend = TOXIPROXY}, a Toxiproxy container on the target's network (the default
 * bridge when the target has no {@code Network}) relays to the target by its network alias or
 * address, and the injected proxy is a {@link dev.tcpunit.toxiproxy.ToxiproxyProxy} driven through
 * toxiproxy-java. One Toxiproxy container serves every {@code @Proxied} of a network and image in
 * the test run (up to 32 proxies at a time, its ports 8666-8697); it is stopped when the run ends.
 * Clients connect to an in-process recording hop in front of it, so the probe still sees every
 * connection; on Linux the hop reaches Toxiproxy at its container address, which keeps a reset a
 * reset (Docker's userland port proxy turns one into a FIN). {@code @Toxic} takes Toxiproxy's types
 * only; tcpunit's own ({@code black_hole}, {@code corrupt}, {@code connect_delay}, {@code
 * refuse_connections}, {@code max_connections}) fail with a message pointing to {@code IN_PROCESS}.
 * The image is {@link #toxiproxyImage}, else the configuration parameter {@value #TOXIPROXY_IMAGE},
 * else {@value #DEFAULT_TOXIPROXY_IMAGE}; another image than Shopify's is declared to
 * Testcontainers as a compatible substitute.
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
   * The configuration parameter that makes a missing Docker engine fail every class with a
   * container {@code @Proxied} instead of skipping it: {@value}.
   */
  String DOCKER_REQUIRED = "tcpunit.docker.required";

  /**
   * The configuration parameter naming the Toxiproxy image of {@link Backend#TOXIPROXY} proxies
   * whose {@link #toxiproxyImage} is empty: {@value}.
   */
  String TOXIPROXY_IMAGE = "tcpunit.toxiproxy.image";

  /**
   * The Toxiproxy image used when neither {@link #toxiproxyImage} nor {@value #TOXIPROXY_IMAGE}
   * names one: {@value}.
   */
  String DEFAULT_TOXIPROXY_IMAGE = "ghcr.io/shopify/toxiproxy:2.12.0";

  /**
   * The service to relay to, as {@code host:port} ({@code [::1]:5432} for an IPv6 address);
   * required on a {@code FaultProxy} or {@code InProcessProxy} field or parameter, empty on a
   * container field and on a parameter that receives a container's proxy.
   *
   * @return the upstream address, or empty
   */
  String upstream() default "";

  /**
   * On a container field: the container port to front, 1-65535, which the container must expose; -1
   * (the default) for the container's only exposed port.
   *
   * @return the container port
   */
  int port() default -1;

  /**
   * On a container field: which proxy fronts the port.
   *
   * @return the backend
   */
  Backend backend() default Backend.IN_PROCESS;

  /**
   * On a container field with {@code backend = TOXIPROXY}: the Toxiproxy image, for example {@code
   * "ghcr.io/shopify/toxiproxy:2.12.0"} or an image of one's own registry that serves Toxiproxy's
   * API; empty (the default) for the configuration parameter {@value #TOXIPROXY_IMAGE}, else
   * {@value #DEFAULT_TOXIPROXY_IMAGE}.
   *
   * @return the image, or empty
   */
  String toxiproxyImage() default "";

  /**
   * On a container field: skip the class when no Docker engine answers ({@code true}, the default),
   * or fail it ({@code false}, as does the configuration parameter {@value #DOCKER_REQUIRED}).
   *
   * @return whether to skip without Docker
   */
  boolean disabledWithoutDocker() default true;

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

  /** Which proxy fronts a container port. */
  @API(status = EXPERIMENTAL, since = "0.1")
  enum Backend {
    /** tcpunit's {@link dev.tcpunit.proxy.InProcessProxy} in the test JVM, to the mapped port. */
    IN_PROCESS,
    /**
     * A shared Toxiproxy container on the target's network, behind a recording hop: a {@link
     * dev.tcpunit.toxiproxy.ToxiproxyProxy}.
     */
    TOXIPROXY
  }
}
