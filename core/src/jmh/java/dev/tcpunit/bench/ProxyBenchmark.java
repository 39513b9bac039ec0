package dev.tcpunit.bench;

import dev.tcpunit.proxy.InProcessProxy;
import dev.tcpunit.proxy.Toxic;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Regression benchmark of the in-process proxy against a blocking loopback echo server: a round trip
 * of a small message, a 64 KiB echo, 1 MiB sent one way to a sink that answers one byte, and a
 * connect-echo-close cycle, each through the proxy ({@code
 * via=proxy}), through the proxy with a zero latency toxic (the toxic path, {@code via=toxic}) or
 * directly ({@code via=direct}) as the reference. Run with {@code ./mvnw -B -pl core -Pjmh
 * test-compile exec:exec} (see docs/performance.md); compare the
 * proxy's figures with {@code direct} of the same run, as absolute figures follow the machine's
 * load.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProxyBenchmark {

  @Param({"direct", "proxy", "toxic"})
  public String via;

  private ServerSocket echo;
  private InProcessProxy proxy;
  private InetSocketAddress target;
  private Socket socket;
  private Socket sinkSocket;
  private final byte[] small = new byte[1];
  private final byte[] bulk = new byte[64 * 1024];
  private final byte[] ack = new byte[1];

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "bench-echo");
    acceptor.setDaemon(true);
    acceptor.start();
    InetSocketAddress upstream = (InetSocketAddress) echo.getLocalSocketAddress();
    if (via.equals("direct")) {
      target = upstream;
    } else {
      InProcessProxy.Builder builder = InProcessProxy.builder().upstream(upstream).name("bench");
      proxy = (via.equals("toxic") ? builder.toxic(Toxic.latency(0)) : builder).start();
      target = proxy.listenAddress();
    }
    socket = connect();
    sinkSocket = connect();
    sinkSocket.getOutputStream().write(SINK);
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(target, 5_000);
    s.setTcpNoDelay(true);
    s.setSoTimeout(15_000);
    return s;
  }

  /** The first byte of a connection that asks the server to be a sink. */
  private static final int SINK = 's';

  /** Bytes sent one way per {@link #oneWay1MiB} call, after which the sink answers one byte. */
  private static final int ONE_WAY_BYTES = 1 << 20;

  private void acceptLoop() {
    while (!echo.isClosed()) {
      try {
        Socket s = echo.accept();
        s.setTcpNoDelay(true);
        Thread t = new Thread(() -> serve(s), "bench-echo-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void serve(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      byte[] buffer = new byte[64 * 1024];
      int first = in.read();
      if (first == SINK) {
        sink(in, out, buffer);
        return;
      }
      if (first >= 0) {
        out.write(first);
      }
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // the benchmark closed the connection
    }
  }

  private static void sink(InputStream in, OutputStream out, byte[] buffer) throws IOException {
    long received = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      received += n;
      for (; received >= ONE_WAY_BYTES; received -= ONE_WAY_BYTES) {
        out.write(1);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    socket.close();
    sinkSocket.close();
    if (proxy != null) {
      proxy.close();
    }
    echo.close();
  }

  @Benchmark
  public int roundTrip() throws IOException {
    socket.getOutputStream().write(small);
    return readFully(socket.getInputStream(), small);
  }

  @Benchmark
  public int echo64KiB() throws IOException {
    socket.getOutputStream().write(bulk);
    return readFully(socket.getInputStream(), bulk);
  }

  @Benchmark
  public int oneWay1MiB() throws IOException {
    OutputStream out = sinkSocket.getOutputStream();
    for (int sent = 0; sent < ONE_WAY_BYTES; sent += bulk.length) {
      out.write(bulk);
    }
    return readFully(sinkSocket.getInputStream(), ack);
  }

  @Benchmark
  public int connectEchoClose() throws IOException {
    try (Socket s = connect()) {
      s.getOutputStream().write(small);
      return readFully(s.getInputStream(), new byte[1]);
    }
  }

  private static int readFully(InputStream in, byte[] into) throws IOException {
    int total = 0;
    while (total < into.length) {
      int n = in.read(into, total, into.length - total);
      if (n < 0) {
        throw new IOException("end of stream");
      }
      total += n;
    }
    return total;
  }
}
