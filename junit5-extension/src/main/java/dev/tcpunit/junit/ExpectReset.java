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
 * Expects the test's client to meet a connection reset: after the test, at least one connection to
 * a {@link TcpServer @TcpServer} in scope has been reset ({@link
 * dev.tcpunit.probe.ConnectionEnd#isReset()}).
 *
 * <pre>{@code
 * @Test
 * @ExpectReset
 * void surfacesTheReset(@TcpServer(resetFirst = 1) int port) throws IOException {
 *   client.send(port, "ping"); // throws SocketException: Connection reset; the test passes
 * }
 * }</pre>
 *
 * <h2>Two modes</h2>
 *
 * By default the reset must surface: the test must throw an exception with a connection reset
 * anywhere in its cause chain. That exception is swallowed and the test passes. With {@link
 * #recovered() recovered = true} the test must instead complete normally and a new connection to
 * the same server must have opened after its last reset: the client retried.
 *
 * <p>A connection reset is a {@link java.io.IOException} (including {@link
 * java.net.SocketException} and {@link javax.net.ssl.SSLException}) whose message contains
 * "Connection reset" in any case (the JDK's "Connection reset", "Connection reset by peer" from NIO
 * and native transports, {@code java.net.http.HttpClient}'s {@code IOException: Connection reset})
 * or Windows' "An existing connection was forcibly closed by the remote host". Not resets: "Broken
 * pipe" (it also follows a graceful close), end of stream ({@link java.io.EOFException},
 * "Unexpected end of file from server"), timeouts ({@link java.net.SocketTimeoutException}, {@link
 * java.net.http.HttpTimeoutException}), refused connections ({@link java.net.ConnectException}),
 * HTTP/2 stream resets and exceptions of other types that merely say "Connection reset".
 *
 * <h2>Scope</h2>
 *
 * The servers in scope are those of the test invocation and of its classes (static fields,
 * including enclosing classes of a {@code @Nested} test); {@link #server} narrows them to one name.
 * Only connections still open or opened after the test method started count: resets of earlier
 * tests on a shared static server do not.
 *
 * <h2>Lifecycle</h2>
 *
 * The check runs right after the test method. Servers record connection ends asynchronously, so the
 * check waits for the expected resets up to the configuration parameter {@code
 * tcpunit.timeout.default} (a duration such as {@code 2 s}, {@code 500 ms} or {@code PT2S}; 2
 * seconds by default) before failing. A mismatch fails the test with what was expected, what
 * happened and the timeline of every server checked.
 *
 * <h2>Clean-up</h2>
 *
 * Nothing of its own: the servers close with their scope, as {@link TcpServer} describes.
 *
 * <h2>Thread-safety</h2>
 *
 * Safe with parallel execution. On a static server shared by concurrent tests, resets caused by
 * another test in the same time window count too; use per-test servers for exact counts.
 *
 * <h2>Errors</h2>
 *
 * No {@code @TcpServer} in scope, {@code atLeast} below 1, {@code atMost} below {@code atLeast} and
 * a {@link #server} name not in scope fail the test with an {@link
 * org.junit.jupiter.api.extension.ExtensionConfigurationException} naming the rule and the fix.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(TcpUnitExtension.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface ExpectReset {

  /**
   * The fewest connections that must have been reset, at least 1.
   *
   * @return the minimum count
   */
  int atLeast() default 1;

  /**
   * The most connections that may have been reset, at least {@link #atLeast}; unbounded by default.
   *
   * @return the maximum count
   */
  int atMost() default Integer.MAX_VALUE;

  /**
   * The name of the {@link TcpServer#name() @TcpServer} whose connections count; empty (the
   * default) for every server in scope.
   *
   * @return the server's name
   */
  String server() default "";

  /**
   * {@code true} if the client is expected to recover: the test must complete normally and a new
   * connection must open after the reset; {@code false} (the default) if the reset must surface as
   * an exception, which is then swallowed.
   *
   * @return whether the client recovers
   */
  boolean recovered() default false;
}
