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
 * Starts an {@link dev.tcpunit.toxiproxy.EmbeddedToxiproxy} (Toxiproxy's HTTP API over tcpunit's
 * in-process proxies, on loopback) and injects it into a field or parameter of one of these types:
 *
 * <ul>
 *   <li>{@code eu.rekawek.toxiproxy.ToxiproxyClient}: toxiproxy-java's client of the server, so
 *       existing Toxiproxy test code runs with no Docker;
 *   <li>{@link dev.tcpunit.toxiproxy.EmbeddedToxiproxy}: the server itself, for its URL and the
 *       probe of each proxy ({@code server.probe("redis")}).
 * </ul>
 *
 * <pre>{@code
 * @ToxiproxyServer
 * class RedisOutageTests {
 *   @Test
 *   void reconnects(ToxiproxyClient toxiproxy) throws IOException {
 *     Proxy redis = toxiproxy.createProxy("redis", "127.0.0.1:0", "127.0.0.1:6379");
 *     redis.toxics().resetPeer("reset", ToxicDirection.UPSTREAM, 0);
 *     // point the client at redis.getListen()
 *   }
 * }
 * }</pre>
 *
 * <p>On a test class (or an enclosing class) the annotation lets parameters of both types be
 * resolved without it; on a field or parameter it declares that one.
 *
 * <h2>Scope</h2>
 *
 * One server per scope, shared by every declaration in it. A static field, and a parameter of a
 * {@code BeforeAll} method (or of the constructor of a {@code PER_CLASS} test class), get the
 * server of the class, which its tests and {@code @Nested} classes share. Instance fields and the
 * parameters of the constructor, {@code BeforeEach}, test and {@code AfterEach} methods get the
 * class's server if one was started, and otherwise one server for the test invocation.
 *
 * <h2>Lifecycle</h2>
 *
 * Static fields are injected before all tests of their class, instance fields before each test
 * (also those of the enclosing instances of a {@code Nested} test); the server starts on first use.
 * It listens on a free port of {@code 127.0.0.1}, and its proxies listen on loopback addresses only
 * (a listen address elsewhere is answered with 403); {@code "127.0.0.1:0"} takes a free port.
 *
 * <h2>Clean-up</h2>
 *
 * The server is closed when its scope ends, also when a test fails: after the class for the class's
 * server, after the test invocation otherwise. Closing it closes every proxy created through it and
 * their connections, and releases their ports. A class's server keeps its proxies from test to
 * test: create them in {@code BeforeAll}, or delete them in {@code AfterEach}.
 *
 * <h2>Thread-safety</h2>
 *
 * The server and the client are thread-safe. Tests may run in parallel: each test invocation that
 * does not share the class's server has its own, so proxy names never collide.
 *
 * <p>Requires {@code eu.rekawek.toxiproxy:toxiproxy-java} for the client and {@code
 * com.fasterxml.jackson.core:jackson-databind} for the server on the test class path.
 */
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ToxiproxyServerExtension.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface ToxiproxyServer {}
