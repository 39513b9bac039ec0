package dev.tcpunit.toxiproxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.toxiproxy.ServerFlags;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Runs an {@link EmbeddedToxiproxy} as a standalone server with {@code toxiproxy-server}'s flags,
 * for clients of Toxiproxy in any language:
 *
 * <pre>
 * java -jar tcpunit-core-VERSION-toxiproxy-server.jar -host 127.0.0.1 -port 8474 -config proxies.json
 * </pre>
 *
 * Flags: {@code -host} (default {@code localhost}), {@code -port} (default {@code 8474}), {@code
 * -config} (a JSON file of proxies to create at start), {@code -seed}, {@code -version}, and
 * tcpunit's {@code -allow-non-loopback} (proxies listen on loopback addresses only without it). The
 * server runs until the process is stopped (SIGINT or SIGTERM), then closes every proxy.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ToxiproxyServerMain {

  private ToxiproxyServerMain() {}

  /**
   * Starts the server and waits until the process is stopped.
   *
   * @param args {@code toxiproxy-server}'s flags
   * @throws InterruptedException if the main thread is interrupted while the server runs
   */
  public static void main(String[] args) throws InterruptedException {
    Outcome outcome = run(args, System.out, System.err);
    if (outcome.server() == null) {
      System.exit(outcome.status());
    }
    new CountDownLatch(1).await();
  }

  /**
   * What {@link #run} did.
   *
   * @param status the exit status when the process is to end now: 0 after {@code -version} or
   *     {@code -h}, 2 for bad flags, 1 when the server cannot start
   * @param server the running server, or {@code null} when the process is to end
   */
  record Outcome(int status, @Nullable EmbeddedToxiproxy server) {}

  /**
   * Parses the flags and starts the server.
   *
   * @param args the flags
   * @param out where the start message goes
   * @param err where errors and the usage go
   * @return the exit status, or the running server
   */
  static Outcome run(String[] args, PrintStream out, PrintStream err) {
    ServerFlags flags;
    try {
      flags = ServerFlags.parse(Arrays.asList(args));
    } catch (ServerFlags.FlagException e) {
      err.println(e.getMessage());
      err.print(ServerFlags.USAGE);
      return new Outcome(2, null);
    }
    if (flags.help()) {
      err.print(ServerFlags.USAGE);
      return new Outcome(0, null);
    }
    if (flags.version()) {
      out.println("toxiproxy-server version 2.12.0 (tcpunit)");
      return new Outcome(0, null);
    }
    EmbeddedToxiproxy.Builder builder =
        EmbeddedToxiproxy.builder()
            .host(flags.host())
            .port(flags.port())
            .allowNonLoopbackListen(flags.allowNonLoopback());
    if (flags.seed() != null) {
      builder = builder.seed(flags.seed());
    }
    EmbeddedToxiproxy server;
    try {
      server = builder.start();
    } catch (RuntimeException e) {
      err.println("cannot start the server on " + flags.host() + ":" + flags.port() + ": " + e);
      return new Outcome(1, null);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "tcpunit-toxiproxy-shutdown"));
    out.println("Toxiproxy API (tcpunit) listening on " + server.url());
    if (!flags.config().isEmpty()) {
      populate(server, Path.of(flags.config()), out, err);
    }
    out.flush();
    return new Outcome(0, server);
  }

  /** Creates the configuration file's proxies; a failure is reported and the server goes on. */
  private static void populate(
      EmbeddedToxiproxy server, Path config, PrintStream out, PrintStream err) {
    try {
      int count = server.populate(config);
      out.println("Populated " + count + " proxies from " + config);
    } catch (RuntimeException e) {
      err.println("Failed to populate proxies from " + config + ": " + e.getMessage());
    }
  }
}
