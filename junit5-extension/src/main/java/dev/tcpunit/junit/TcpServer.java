package dev.tcpunit.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.server.ConnectionScript;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts an in-process {@link dev.tcpunit.server.ScriptedServer} on loopback and injects it into a
 * field or parameter of one of these types:
 *
 * <ul>
 *   <li>{@link dev.tcpunit.server.ScriptedServer}: the server itself;
 *   <li>{@link dev.tcpunit.probe.ConnectionProbe}: the server's probe;
 *   <li>{@link java.net.InetSocketAddress}: the address it listens on;
 *   <li>{@code int}: its port;
 *   <li>{@link java.net.URI}: {@code http://127.0.0.1:port/} ({@code https://} with {@link #tls});
 *   <li>{@link javax.net.ssl.SSLContext} and {@link javax.net.ssl.X509TrustManager}: a TLS server's
 *       trust material for the client (see {@link #tls}).
 * </ul>
 *
 * <pre>{@code
 * @Test
 * void retriesOnce(@TcpServer(resetFirst = 1, httpStatus = 200, httpBody = "ok") URI uri,
 *     ConnectionProbe probe) throws Exception {
 *   assertThat(client.get(uri)).isEqualTo("ok");
 *   assertThat(probe.connections()).hasSize(2);
 * }
 * }</pre>
 *
 * <h2>Behaviour</h2>
 *
 * Without attributes the server echoes every byte back. At most one of {@link #reply}, {@link
 * #httpStatus}, {@link #hang} and {@link #script} chooses another behaviour; {@link #resetFirst} or
 * {@link #closeFirst} put connections that fail first in front of it: {@code @TcpServer(resetFirst
 * = 1, httpStatus = 200)} resets the first connection after its request and answers every later one
 * with HTTP 200.
 *
 * <h2>TLS</h2>
 *
 * With {@link #tls} the server serves TLS with a certificate generated at start for {@code
 * localhost}, {@code 127.0.0.1} and {@code ::1} (BouncyCastle, {@code
 * org.bouncycastle:bcpkix-jdk18on}, must be on the test class path); the other attributes apply to
 * the decrypted bytes. The client trusts it through an {@code SSLContext} or {@code
 * X509TrustManager} parameter: without {@code @TcpServer} it receives the trust of the one TLS
 * server in scope; with several, name them and annotate the parameter with the name, as for a
 * probe. {@link #resetHandshakeFirst} and {@link #hangHandshake} fault the handshake itself.
 *
 * <pre>{@code
 * @Test
 * void https(@TcpServer(tls = true, httpStatus = 200, httpBody = "ok") URI uri, SSLContext trust)
 *     throws Exception {
 *   HttpClient client = HttpClient.newBuilder().sslContext(trust).build();
 *   assertThat(client.send(HttpRequest.newBuilder(uri).build(), ofString()).body()).isEqualTo("ok");
 * }
 * }</pre>
 *
 * <h2>Scope</h2>
 *
 * One server per declaration. Declarations with the same {@linkplain #name name} share one server
 * within a scope: a static field's server is visible to every test of the class, including
 * {@code @Nested} classes; an instance field's or a parameter's server to one test invocation
 * ({@code @BeforeEach}, the test, {@code @AfterEach}). Give a server a name to reach it from
 * several places, for example a field and a {@code @BeforeEach} parameter; only one of the
 * declarations of a name may set the other attributes (or several, identically).
 *
 * <p>A {@link dev.tcpunit.probe.ConnectionProbe} parameter without {@code @TcpServer} receives the
 * probe of the one server in scope; with several servers in scope, name them and annotate the
 * parameter with {@code @TcpServer("name")}. An unnamed {@code @TcpServer ConnectionProbe}
 * parameter is a declaration of its own and starts its own server.
 *
 * <h2>Lifecycle</h2>
 *
 * Static fields are injected before all tests of their class ({@code beforeAll}); instance fields
 * before each test ({@code beforeEach}), with a new server every time (also under {@code
 * TestInstance.Lifecycle.PER_CLASS}), including the fields of the enclosing instances of a {@code
 * Nested} test. Parameters are resolved when their method is called: those of {@code BeforeAll}
 * methods in the class's scope, those of the constructor, {@code BeforeEach}, test and {@code
 * AfterEach} methods in the scope of the test invocation (the constructor of a {@code PER_CLASS}
 * test class resolves in the class's scope). A server is started before it is injected; a server
 * that cannot start fails the test or the class with the reason.
 *
 * <h2>Clean-up</h2>
 *
 * A server is closed when its scope ends: after the class for static fields and for parameters of
 * {@code @BeforeAll} methods, after each test invocation otherwise; also when the test fails. Its
 * port is released and its connections are closed; the injected objects stay readable (the probe
 * keeps its records).
 *
 * <h2>Thread-safety</h2>
 *
 * Servers and probes are thread-safe. Tests may run in parallel: every server takes its own free
 * port unless {@link #port} fixes one. A static server is shared by the class's tests, so tests
 * running concurrently see each other's connections in its probe; use instance fields or parameters
 * for isolated servers.
 *
 * <h2>Errors</h2>
 *
 * An unsupported type, a {@code final} field, out-of-range or conflicting attributes, a TLS
 * attribute or trust type without {@link #tls}, {@code tls} without BouncyCastle and a {@link
 * #script} class that cannot be instantiated fail with a message naming the declaration, the rule
 * and the fix: {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} for fields,
 * {@link org.junit.jupiter.api.extension.ParameterResolutionException} for parameters.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(TcpUnitExtension.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface TcpServer {

  /**
   * Alias for {@link #name}.
   *
   * @return the server's name, or empty for a server of this declaration alone
   */
  String value() default "";

  /**
   * The server's name: declarations with the same name share one server within a scope. When both
   * {@code value} and {@code name} are set they must be equal.
   *
   * @return the server's name, or empty for a server of this declaration alone
   */
  String name() default "";

  /**
   * The port to listen on, 0-65535; 0 (the default) takes a free ephemeral port.
   *
   * @return the port
   */
  int port() default 0;

  /**
   * A canned answer: every chunk the client sends is answered with this text (UTF-8), for as long
   * as the connection lasts. Empty (the default) means no canned answer.
   *
   * @return the reply text
   */
  String reply() default "";

  /**
   * Answers every HTTP/1.1 request with this status (100-999) and {@link #httpBody}, keeping the
   * connection alive. 0 (the default) means no HTTP answer.
   *
   * @return the status code
   */
  int httpStatus() default 0;

  /**
   * The body (UTF-8 text, {@code Content-Type: text/plain}) of the {@link #httpStatus} answer;
   * requires {@code httpStatus}.
   *
   * @return the body text
   */
  String httpBody() default "";

  /**
   * How many first connections are reset (RST) after their first request (with {@link #httpStatus})
   * or their first chunk of data (otherwise), 0-10000; later connections get the normal behaviour.
   *
   * @return the number of connections to reset first
   */
  int resetFirst() default 0;

  /**
   * How many first connections are closed (FIN) without an answer after their first request (with
   * {@link #httpStatus}) or their first chunk of data (otherwise), 0-10000; later connections get
   * the normal behaviour. Excludes {@link #resetFirst}.
   *
   * @return the number of connections to close first
   */
  int closeFirst() default 0;

  /**
   * Accepts connections and never answers: the client sees its read time out.
   *
   * @return {@code true} to hang
   */
  boolean hang() default false;

  /**
   * A class that supplies the script every connection runs (after the {@link #resetFirst} or {@link
   * #closeFirst} ones), for behaviour the other attributes do not cover. It needs a no-arg
   * constructor (any visibility) and is instantiated once per server.
   *
   * @return the script supplier's class; {@link NoScript} (the default) for none
   */
  Class<? extends Supplier<ConnectionScript>> script() default NoScript.class;

  /**
   * Accepts each connection only after this many milliseconds: the client's {@code connect} returns
   * at once, the behaviour starts late (see {@link
   * dev.tcpunit.server.ScriptedServer.Builder#acceptDelay}). 0 (the default) accepts at once.
   *
   * @return the delay in milliseconds, 0 or more
   */
  long acceptDelayMs() default 0;

  /**
   * Refuses connection attempts ("Connection refused"): the port is reserved but nothing listens
   * until {@link dev.tcpunit.server.ScriptedServer#resumeListening()}; then the other attributes
   * apply. Excludes {@link #dropSyns}.
   *
   * @return {@code true} to refuse
   */
  boolean refuse() default false;

  /**
   * Makes connection attempts time out: the server's accept queue is kept full so the kernel drops
   * SYNs (Linux; Windows refuses instead), until {@link
   * dev.tcpunit.server.ScriptedServer#resumeListening()}; then the other attributes apply. Excludes
   * {@link #refuse}.
   *
   * @return {@code true} to drop SYNs
   */
  boolean dropSyns() default false;

  /**
   * Serves TLS with a certificate generated at start (see the class documentation); needs {@code
   * org.bouncycastle:bcpkix-jdk18on} on the test class path.
   *
   * @return {@code true} for TLS
   */
  boolean tls() default false;

  /**
   * How many first connections have their TLS handshake reset (RST after the ClientHello, before
   * ServerHello), 0-10000; requires {@link #tls}. Later connections get the normal behaviour.
   * Excludes {@link #resetFirst} and {@link #closeFirst}.
   *
   * @return the number of first handshakes to reset
   */
  int resetHandshakeFirst() default 0;

  /**
   * Never answers the TLS handshake: the client's handshake times out. Requires {@link #tls};
   * excludes the other behaviours ({@link #reply}, {@link #httpStatus}, {@link #hang}, {@link
   * #script}).
   *
   * @return {@code true} to hang in the handshake
   */
  boolean hangHandshake() default false;

  /** The default of {@link #script}: no script class. Never instantiated. */
  @API(status = EXPERIMENTAL, since = "0.1")
  interface NoScript extends Supplier<ConnectionScript> {}
}
