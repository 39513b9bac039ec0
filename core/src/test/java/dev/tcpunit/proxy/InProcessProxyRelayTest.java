package dev.tcpunit.proxy;

import static dev.tcpunit.proxy.Wire.connect;
import static dev.tcpunit.proxy.Wire.read;
import static dev.tcpunit.proxy.Wire.readAll;
import static dev.tcpunit.proxy.Wire.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class InProcessProxyRelayTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private TestUpstream upstream;
  private InProcessProxy proxy;

  private void start(TestUpstream.Behaviour behaviour) throws IOException {
    upstream = TestUpstream.start(behaviour);
    proxy = InProcessProxy.builder().upstream(upstream.address()).name("relay").start();
  }

  @AfterEach
  void close() throws IOException {
    if (proxy != null) {
      proxy.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  /** Starts a thread that sends the bytes and then half-closes the client's side. */
  private static Thread sendInBackground(Socket client, byte[] data) {
    Thread writer =
        new Thread(
            () -> {
              try {
                client.getOutputStream().write(data);
                client.shutdownOutput();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    writer.start();
    return writer;
  }

  @Nested
  @DisplayName("relaying bytes")
  class Bytes {

    @Test
    void echoesThroughTheProxy() throws Exception {
      start(TestUpstream.ECHO);
      try (Socket client = connect(proxy)) {
        send(client, "hello");
        assertThat(read(client, 5)).isEqualTo("hello");
      }

      ConnectionRecord record = proxy.probe().awaitAllClosed(WAIT).get(0);
      assertThat(record.end()).isEqualTo(ConnectionEnd.CLIENT_FIN);
      assertThat(record.bytesFromClient()).isEqualTo(5);
      assertThat(record.bytesToClient()).isEqualTo(5);
      assertThat(record.server()).isEqualTo(proxy.listenAddress());
    }

    @Test
    void relaysManyMegabytesBothWaysIntact() throws Exception {
      start(TestUpstream.ECHO);
      byte[] data = new byte[8 * 1024 * 1024];
      new Random(1).nextBytes(data);
      try (Socket client = connect(proxy)) {
        Thread writer = sendInBackground(client, data);
        byte[] echoed = client.getInputStream().readAllBytes();
        writer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(Arrays.equals(echoed, data)).as("echo equals what was sent").isTrue();
      }
      assertThat(proxy.probe().awaitAllClosed(WAIT).get(0).bytesToClient()).isEqualTo(data.length);
    }

    @Test
    void keepsTheOrderOfQueuedBytesWhileToxicsComeAndGo() throws Exception {
      start(TestUpstream.ECHO);
      byte[] data = new byte[16 * 1024 * 1024];
      new Random(2).nextBytes(data);
      try (Socket client = connect(proxy)) {
        Thread writer = sendInBackground(client, data);
        byte[] echoed = new byte[data.length];
        int got = 0;
        int step = 0;
        ToxicHandle toxic = null;
        while (got < echoed.length) {
          int n = client.getInputStream().read(echoed, got, echoed.length - got);
          assertThat(n).as("bytes echoed before the end, after %d", got).isPositive();
          got += n;
          // Every megabyte a toxic joins or leaves the stream, while bytes are queued both ways.
          if (got >> 20 > step) {
            step = got >> 20;
            if (toxic == null) {
              toxic =
                  proxy.add(
                      step % 4 == 1
                          ? Toxic.slicer(1000).downstream()
                          : Toxic.latency(1).upstream());
            } else {
              toxic.remove();
              toxic = null;
            }
          }
        }
        writer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(client.getInputStream().read()).as("end of the echo").isEqualTo(-1);
        assertThat(Arrays.equals(echoed, data)).as("echo equals what was sent").isTrue();
      }
      assertThat(proxy.probe().awaitAllClosed(WAIT).get(0).bytesToClient()).isEqualTo(data.length);
    }
  }

  @Nested
  @DisplayName("ends")
  class Ends {

    @Test
    void halfCloseIsPassedOnAsHalfClose() throws Exception {
      start(
          socket -> {
            String request = new String(socket.getInputStream().readAllBytes());
            send(socket, "got " + request);
            socket.shutdownOutput();
          });
      try (Socket client = connect(proxy)) {
        send(client, "question");
        client.shutdownOutput();

        assertThat(readAll(client)).isEqualTo("got question");
      }
      assertThat(proxy.probe().awaitAllClosed(WAIT).get(0).end())
          .isEqualTo(ConnectionEnd.CLIENT_FIN);
    }

    @Test
    void serverHalfCloseKeepsTheOtherDirectionOpen() throws Exception {
      start(
          socket -> {
            send(socket, "first");
            socket.shutdownOutput();
            String late = read(socket, 4);
            if (!late.equals("late")) {
              throw new IOException("unexpected " + late);
            }
          });
      try (Socket client = connect(proxy)) {
        assertThat(readAll(client)).isEqualTo("first");
        send(client, "late");
        client.shutdownOutput();
      }

      assertThat(upstream.outcomes.poll(10, TimeUnit.SECONDS)).isEqualTo("ok");
      assertThat(proxy.probe().awaitAllClosed(WAIT).get(0).end())
          .isEqualTo(ConnectionEnd.SERVER_FIN);
    }

    @Test
    void serverFinIsRecordedAsServerFin() throws Exception {
      start(socket -> send(socket, "bye"));
      try (Socket client = connect(proxy)) {
        assertThat(readAll(client)).isEqualTo("bye");
      }
      assertThat(proxy.probe().awaitAllClosed(WAIT).get(0).end())
          .isEqualTo(ConnectionEnd.SERVER_FIN);
    }

    @Test
    void clientResetReachesTheServerAsReset() throws Exception {
      start(TestUpstream.ECHO);
      try (Socket client = connect(proxy)) {
        assertThat(Wire.roundTrip(client, "x")).isPositive();
        Wire.reset(client);
      }

      assertThat(upstream.outcomes.poll(10, TimeUnit.SECONDS)).contains("reset");
      assertThat(proxy.probe().awaitAllClosed(WAIT).get(0).end())
          .isEqualTo(ConnectionEnd.CLIENT_RESET);
    }

    @Test
    void serverResetReachesTheClientAsReset() throws Exception {
      start(
          socket -> {
            socket.getInputStream().read();
            Wire.reset(socket);
          });
      try (Socket client = connect(proxy)) {
        send(client, "x");

        assertThatExceptionOfType(SocketException.class)
            .isThrownBy(() -> client.getInputStream().read())
            .withMessageContaining("reset");
      }
      assertThat(proxy.probe().awaitAllClosed(WAIT).get(0).end())
          .isEqualTo(ConnectionEnd.SERVER_RESET);
    }

    @Test
    void unreachableUpstreamResetsTheClientAndSaysWhy() throws Exception {
      // A bound socket that does not listen: connecting to its port is refused, and no server of
      // a test running in parallel can take the port meanwhile.
      try (Socket closedPort = new Socket()) {
        closedPort.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        InetSocketAddress unreachable = (InetSocketAddress) closedPort.getLocalSocketAddress();
        proxy = InProcessProxy.builder().upstream(unreachable).start();
        // The reset may already surface while the client sets its socket options after connect.
        assertThatExceptionOfType(SocketException.class)
            .isThrownBy(
                () -> {
                  try (Socket client = connect(proxy)) {
                    client.getInputStream().read();
                  }
                })
            .withMessageContaining("reset");
        ConnectionRecord record = proxy.probe().awaitAllClosed(WAIT).get(0);
        assertThat(record.end()).isEqualTo(ConnectionEnd.PROXY_FAULT);
        assertThat(record.detail()).startsWith("upstream " + unreachable + " unreachable");
      }
    }
  }
}
