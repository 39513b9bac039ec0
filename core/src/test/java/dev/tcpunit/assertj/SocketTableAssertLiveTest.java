package dev.tcpunit.assertj;

import static dev.tcpunit.assertj.SocketTableAssert.assertThatSockets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.os.SocketTable;
import dev.tcpunit.os.TcpSocket;
import dev.tcpunit.os.TcpState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@DisplayName("SocketTableAssert against real sockets")
@EnabledOnOs(value = OS.LINUX, disabledReason = "reads /proc/net/tcp")
@Timeout(60)
class SocketTableAssertLiveTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static ServerSocket listen() throws IOException {
    return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  private static Socket connect(ServerSocket server) throws IOException {
    Socket client = new Socket();
    client.connect(server.getLocalSocketAddress(), 5_000);
    return client;
  }

  @Test
  @DisplayName("a server that does not close after its client did sits in CLOSE_WAIT until it does")
  void serverLeak() throws IOException {
    try (ServerSocket server = listen()) {
      int port = server.getLocalPort();
      Socket client = connect(server);
      Socket accepted = server.accept();
      assertThatSockets().hasListener(port).hasSocketInState(port, TcpState.ESTABLISHED);

      client.close();

      assertThatSockets().awaitSocketInState(port, TcpState.CLOSE_WAIT, WAIT);
      SocketTable closeWait = SocketTable.read().localPort(port).inState(TcpState.CLOSE_WAIT);
      assertThat(closeWait.sockets())
          .singleElement()
          .satisfies(s -> assertThat(s.ownedByThisProcess()).isTrue())
          .extracting(TcpSocket::remotePort)
          .isEqualTo(client.getLocalPort());

      accepted.close();

      assertThatSockets()
          .awaitNoSocketInState(port, TcpState.CLOSE_WAIT, WAIT)
          .hasNoSocketInState(port, TcpState.ESTABLISHED);
    }
  }

  @Test
  @DisplayName("TIME_WAIT appears on the side that closed first")
  void timeWait() throws IOException {
    try (ServerSocket server = listen()) {
      int port = server.getLocalPort();
      Socket client = connect(server);
      int clientPort = client.getLocalPort();
      Socket accepted = server.accept();
      client.close();
      assertThatSockets().awaitSocketInState(port, TcpState.CLOSE_WAIT, WAIT);
      accepted.close();

      // Only this client's socket: an earlier server on the same port may have left TIME_WAITs.
      SocketTable ofThisClient = SocketTable.read().localPort(clientPort);
      new SocketTableAssert(ofThisClient).awaitSocketInState(port, TcpState.TIME_WAIT, WAIT);
      assertThat(ofThisClient.refresh().remotePort(port).inState(TcpState.TIME_WAIT).sockets())
          .singleElement()
          .satisfies(s -> assertThat(s.isOrphaned()).isTrue());
      assertThat(
              SocketTable.read()
                  .localPort(port)
                  .remotePort(clientPort)
                  .inState(TcpState.TIME_WAIT)
                  .isEmpty())
          .as("no TIME_WAIT on the server side, which closed last")
          .isTrue();
    }
  }

  @Test
  @DisplayName("a client that forgets to close after the server's FIN fails the assertion, listed")
  void clientLeak() throws IOException {
    try (ServerSocket server = listen()) {
      int port = server.getLocalPort();
      Socket client = connect(server);
      server.accept().close();
      assertThatSockets().awaitSocketInState(port, TcpState.CLOSE_WAIT, WAIT);

      assertThatThrownBy(() -> assertThatSockets().hasNoSocketInState(port, TcpState.CLOSE_WAIT))
          .isInstanceOf(AssertionError.class)
          .hasMessageContainingAll(
              "Expecting sockets of this process on port " + port,
              "not to be in CLOSE_WAIT",
              "but found 1:",
              "127.0.0.1:" + client.getLocalPort(),
              "127.0.0.1:" + port,
              "CLOSE_WAIT",
              "(this process)");
      assertThatThrownBy(
              () ->
                  assertThatSockets()
                      .eventually(Duration.ofMillis(200))
                      .hasNoSocketInState(port, TcpState.CLOSE_WAIT))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("not to be in CLOSE_WAIT within 200 ms (");

      client.close();

      assertThatSockets().eventually(WAIT).hasNoSocketInState(port, TcpState.CLOSE_WAIT);
    }
  }

  @Test
  @DisplayName("counts the established connections of a pool to a port")
  void poolSize() throws IOException {
    List<Socket> sockets = new ArrayList<>();
    try (ServerSocket server = listen()) {
      int port = server.getLocalPort();
      List<Socket> pool = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        pool.add(connect(server));
        sockets.add(pool.get(i));
        sockets.add(server.accept());
      }

      assertThatSockets().hasEstablishedConnections(port, 3);
      assertThatThrownBy(() -> assertThatSockets().hasEstablishedConnections(port, 2))
          .isInstanceOf(AssertionError.class)
          .hasMessageContainingAll(
              "Expecting ESTABLISHED connections of this process to port " + port,
              "to be 2",
              "but found 3 among these sockets to that port:");

      pool.get(0).close();

      assertThatSockets().eventually(WAIT).hasEstablishedConnections(port, 2);
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  @Test
  @DisplayName("sees a listener come and go")
  void listener() throws IOException {
    int port;
    try (ServerSocket server = listen()) {
      port = server.getLocalPort();
      assertThatSockets().hasListener(port);
    }
    assertThatSockets().hasNoListener(port);
    assertThatThrownBy(() -> assertThatSockets().hasListener(port))
        .isInstanceOf(AssertionError.class)
        .hasMessageContainingAll(
            "Expecting sockets of any process on port " + port, "to include a listener");
  }
}
