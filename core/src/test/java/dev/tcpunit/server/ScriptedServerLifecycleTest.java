package dev.tcpunit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated("counts the JVM's threads and file descriptors")
@Timeout(60)
@DisplayName("Starting and closing a scripted server")
class ScriptedServerLifecycleTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private static int tcpunitThreads() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("tcpunit-"))
            .count();
  }

  private static int threads() {
    return Thread.getAllStackTraces().size();
  }

  private static int openFileDescriptors() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return (int) fds.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits, with a deadline, until a count is back at most at its baseline. */
  private static int awaitAtMost(IntSupplier count, int baseline) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    int now = count.getAsInt();
    while (now > baseline && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      now = count.getAsInt();
    }
    return now;
  }

  @Nested
  @DisplayName("close()")
  class Close {

    @Test
    @DisplayName("ends the server's thread and releases the port before it returns")
    void releasesThreadAndPort() throws Exception {
      ScriptedServer server = ScriptedServer.start(Scripts.echo());
      int port = server.port();
      assertThat(Thread.getAllStackTraces().keySet())
          .anySatisfy(t -> assertThat(t.getName()).isEqualTo("tcpunit-server-" + port))
          .filteredOn(t -> t.getName().equals("tcpunit-server-" + port))
          .allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
      try (RawClient client = RawClient.connect(server)) {
        server.probe().awaitConnections(1, DEADLINE);
        server.close();
        assertThat(client.read()).isEqualTo(-1);
      }
      assertThat(Thread.getAllStackTraces().keySet())
          .noneSatisfy(t -> assertThat(t.getName()).isEqualTo("tcpunit-server-" + port));
      try (ServerSocket again = new ServerSocket()) {
        again.setReuseAddress(true);
        again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        assertThat(again.getLocalPort()).isEqualTo(port);
      }
    }

    @Test
    @DisplayName("leaves no tcpunit thread behind")
    void noThreadLeft() {
      for (int i = 0; i < 5; i++) {
        ScriptedServer.start(Scripts.hang()).close();
      }
      assertThat(awaitAtMost(ScriptedServerLifecycleTest::tcpunitThreads, 0)).isZero();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @DisplayName("200 start/stop cycles add no thread and no file descriptor")
    void noLeakOverCycles() throws Exception {
      for (int i = 0; i < 20; i++) {
        cycle();
      }
      int threads = threads();
      int fds = openFileDescriptors();
      for (int i = 0; i < 200; i++) {
        cycle();
      }
      // A leak is an increase; the JVM may meanwhile release a thread or descriptor of its own.
      assertThat(awaitAtMost(ScriptedServerLifecycleTest::threads, threads))
          .isLessThanOrEqualTo(threads);
      assertThat(awaitAtMost(ScriptedServerLifecycleTest::openFileDescriptors, fds))
          .isLessThanOrEqualTo(fds);
      assertThat(awaitAtMost(ScriptedServerLifecycleTest::tcpunitThreads, 0)).isZero();
    }

    private void cycle() throws IOException {
      try (ScriptedServer server = ScriptedServer.start(Scripts.hang());
          RawClient client = RawClient.connect(server)) {
        client.send("x");
      }
    }
  }

  @Nested
  @DisplayName("the builder")
  class Builder {

    @Test
    @DisplayName("listens on loopback, on the chosen port, with the chosen backlog")
    void chosenPort() throws Exception {
      int port;
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
      try (ScriptedServer server =
          ScriptedServer.builder()
              .port(port)
              .backlog(3)
              .scripts(List.of(ConnectionScript.create().write("hi")))
              .start()) {
        assertThat(server.address().getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(server.port()).isEqualTo(port);
        assertThat(server.uri()).hasToString("http://127.0.0.1:" + port + "/");
        assertThat(server.probe().count()).isZero();
        try (RawClient client = RawClient.connect(server)) {
          assertThat(client.readToEnd()).isEqualTo("hi");
        }
        assertThat(server.probe().awaitConnections(1, DEADLINE).get(0).server())
            .isEqualTo(server.address());
      }
    }

    @Test
    @DisplayName("an IPv6 loopback host gets a bracketed URI")
    void ipv6() throws Exception {
      InetAddress v6 = InetAddress.getByName("::1");
      ScriptedServer server;
      try {
        server = ScriptedServer.builder().host(v6).scripts(List.of(Scripts.echo())).start();
      } catch (UncheckedIOException e) {
        return;
      }
      try (server) {
        assertThat(server.uri()).hasToString("http://[::1]:" + server.port() + "/");
      }
    }

    @Test
    @DisplayName("fails to start on a port in use, leaving no thread behind")
    void portInUse() throws Exception {
      try (ScriptedServer first = ScriptedServer.start(Scripts.echo())) {
        assertThatThrownBy(
                () ->
                    ScriptedServer.builder()
                        .port(first.port())
                        .scripts(List.of(Scripts.echo()))
                        .start())
            .isInstanceOf(UncheckedIOException.class)
            .hasMessageStartingWith("Cannot listen on ");
        assertThat(
                Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("tcpunit-server-")))
            .hasSize(1);
      }
    }

    @Test
    @DisplayName("rejects bad arguments naming the argument, the value and the rule")
    void badArguments() {
      ScriptedServer.Builder builder = ScriptedServer.builder();
      assertThatThrownBy(() -> builder.port(-1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("port: -1 (expected: 0-65535)");
      assertThatThrownBy(() -> builder.port(65536)).hasMessage("port: 65536 (expected: 0-65535)");
      assertThatThrownBy(() -> builder.backlog(0)).hasMessage("backlog: 0 (expected: >= 1)");
      assertThatThrownBy(() -> builder.scripts(List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("sequence: [] (expected: at least one script)");
      assertThatThrownBy(() -> builder.host(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("host");
      assertThatThrownBy(() -> ScriptedServer.start(Scripts.echo(), (ConnectionScript) null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("rest[0]");
      assertThatThrownBy(() -> ScriptedServer.start(List.of()))
          .hasMessage("sequence: [] (expected: at least one script)");
      assertThatThrownBy(builder::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "A scripted server needs scripts: call scripts(...) on the builder before start().");
    }

    @Test
    @DisplayName("is immutable")
    void immutable() throws Exception {
      ScriptedServer.Builder base = ScriptedServer.builder().scripts(List.of(Scripts.echo()));
      base.port(1);
      try (ScriptedServer server = base.start()) {
        assertThat(server.port()).isNotEqualTo(1);
      }
    }
  }
}
