package dev.tcpunit.samples.containers;

import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.tcpunit.junit.Proxied;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.proxy.FaultProxy;
import dev.tcpunit.proxy.Toxic;
import dev.tcpunit.proxy.ToxicHandle;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A client of a service in a container retries after a reset injected by {@code @Proxied}, once
 * with tcpunit's in-process proxy in front of the container and once with a Toxiproxy container on
 * its network. The service is busybox's {@code nc} echoing lines on port 7; the client sends one
 * line per connection and retries I/O errors with Failsafe. The reset lasts until the client has
 * seen it: the retry listener removes the toxic, so the second attempt goes through whatever the
 * machine's speed.
 */
@Timeout(120)
@DisplayName("A client of a container retries after a reset, on both @Proxied backends")
class ContainerRetrySample {

  /** Built from Debian's static busybox by .ci/build-images.sh: a shell, nc, httpd. */
  static final DockerImageName BUSYBOX = DockerImageName.parse("tcpunit/busybox:1");

  static GenericContainer<?> echoService() {
    return new GenericContainer<>(BUSYBOX)
        .withCommand("nc", "-ll", "-p", "7", "-e", "cat")
        .withExposedPorts(7)
        // The engine publishes port 7 on a host port of the ephemeral range, which another
        // socket may hold at that moment: try again then.
        .withStartupAttempts(3);
  }

  @Nested
  @DisplayName("in-process proxy in front of the mapped port")
  class InProcess {

    @Proxied(port = 7)
    static GenericContainer<?> echo = echoService();

    @Test
    void retriesAfterAReset(@Proxied FaultProxy proxy, @Proxied InetSocketAddress address) {
      ConnectionProbe probe = assertRetriesAfterAReset(proxy, address);
      // The proxy itself reset the connection, and says which toxic did.
      assertThat(probe).connection(1).endedWith(ConnectionEnd.PROXY_FAULT);
    }
  }

  @Nested
  @DisplayName("Toxiproxy container on the service's network")
  class OnToxiproxy {

    @Proxied(port = 7, backend = Proxied.Backend.TOXIPROXY)
    static GenericContainer<?> echo = echoService();

    @Test
    void retriesAfterAReset(@Proxied FaultProxy proxy, @Proxied InetSocketAddress address) {
      ConnectionProbe probe = assertRetriesAfterAReset(proxy, address);
      // Toxiproxy reset it behind the recording hop, which passed the RST on to the client.
      assertThat(probe).connection(1).wasResetByServer();
    }
  }

  static ConnectionProbe assertRetriesAfterAReset(FaultProxy proxy, InetSocketAddress address) {
    ConnectionProbe probe = proxy.probe();
    probe.clear();
    ToxicHandle reset = proxy.add(Toxic.resetPeer(0));
    EchoClient client = new EchoClient(address, reset::close);

    assertThat(client.call("hello")).isEqualTo("hello");

    assertThat(probe).hasConnections(2).retriedAfterReset();
    assertThat(probe).retries().hasCount(1).delaysAtMost(Duration.ofSeconds(5));
    return probe;
  }

  /** The client under test: one line per connection, I/O errors retried after 200 ms. */
  static final class EchoClient {
    private final InetSocketAddress service;
    private final RetryPolicy<String> retries;

    EchoClient(InetSocketAddress service, Runnable onFailedAttempt) {
      this.service = service;
      this.retries =
          RetryPolicy.<String>builder()
              .handle(IOException.class)
              .withDelay(Duration.ofMillis(200))
              .withMaxRetries(2)
              .onFailedAttempt(event -> onFailedAttempt.run())
              .build();
    }

    String call(String line) {
      return Failsafe.with(retries).get(() -> exchange(line));
    }

    private String exchange(String line) throws IOException {
      try (Socket socket = new Socket()) {
        socket.connect(service, 5_000);
        socket.setSoTimeout(5_000);
        Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
        out.write(line + "\n");
        out.flush();
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String answer = in.readLine();
        if (answer == null) {
          throw new EOFException("the service closed the connection before answering");
        }
        return answer;
      }
    }
  }
}
