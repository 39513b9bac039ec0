package dev.tcpunit.bench;

import dev.tcpunit.probe.ConnectionRecord;
import dev.tcpunit.server.ConnectionScript;
import dev.tcpunit.server.ScriptedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSocket;

/**
 * Measures TLS on loopback against a {@link ScriptedServer} with a generated certificate: the
 * client's {@code SSLSocket.startHandshake()} (JDK defaults: TLS 1.3, EC P-256), the server's view
 * (the probe's handshake completion minus the connection's open), and the server's start with
 * certificate generation. Not a unit test; run it by hand after {@code ./mvnw -pl core -am
 * test-compile} and {@code ./mvnw -pl core dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt}:
 *
 * <pre>
 * java -cp core/target/classes:core/target/test-classes:$(cat core/target/cp.txt) \
 *   dev.tcpunit.bench.TlsHandshakeBench [handshakes]
 * </pre>
 */
public final class TlsHandshakeBench {

  private static final int WARM_UP = 300;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private TlsHandshakeBench() {}

  /**
   * Runs the measurement and prints percentiles.
   *
   * @param args the number of measured handshakes, 500 by default
   * @throws Exception if a handshake fails
   */
  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    long[] starts = new long[20];
    for (int i = 0; i < starts.length; i++) {
      long start = System.nanoTime();
      ScriptedServer.builder()
          .tls()
          .scripts(List.of(ConnectionScript.create().hang()))
          .start()
          .close();
      starts[i] = System.nanoTime() - start;
    }
    try (ScriptedServer server =
        ScriptedServer.builder().tls().scripts(List.of(ConnectionScript.create().hang())).start()) {
      for (int i = 0; i < WARM_UP; i++) {
        handshake(server);
      }
      server.probe().awaitAllClosed(WAIT);
      server.probe().clear();
      long[] client = new long[count];
      for (int i = 0; i < count; i++) {
        client[i] = handshake(server);
      }
      List<ConnectionRecord> records = server.probe().awaitAllClosed(WAIT);
      long[] serverSide =
          records.stream()
              .filter(r -> r.handshakeCompletedAt().isPresent())
              .mapToLong(r -> r.handshakeCompletedAt().orElseThrow().minus(r.opened()).toNanos())
              .toArray();
      records.stream()
          .filter(r -> r.handshakeCompletedAt().isEmpty())
          .limit(5)
          .forEach(r -> System.out.println("no handshake recorded: " + r));
      System.out.printf(
          Locale.ROOT,
          "%d of %d connections without a recorded handshake%n",
          records.size() - serverSide.length,
          records.size());
      print("client startHandshake()", client);
      print("server open -> handshake completed", serverSide);
      print("server start with certificate generation + close (20, cold first)", starts);
    }
  }

  private static long handshake(ScriptedServer server) {
    try (Socket plain = new Socket(server.address().getAddress(), server.port())) {
      plain.setSoTimeout((int) WAIT.toMillis());
      SSLSocket socket =
          (SSLSocket)
              server
                  .tls()
                  .sslContext()
                  .getSocketFactory()
                  .createSocket(plain, "127.0.0.1", server.port(), true);
      long start = System.nanoTime();
      socket.startHandshake();
      long nanos = System.nanoTime() - start;
      socket.close();
      return nanos;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void print(String what, long[] nanos) {
    Arrays.sort(nanos);
    int n = nanos.length;
    System.out.printf(
        Locale.ROOT,
        "%s over %d: median %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms%n",
        what,
        n,
        nanos[n / 2] / 1e6,
        nanos[(int) (n * 0.9)] / 1e6,
        nanos[(int) (n * 0.99)] / 1e6,
        nanos[n - 1] / 1e6);
  }
}
