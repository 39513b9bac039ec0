package dev.tcpunit.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@DisplayName("SocketTable.read() on this machine")
@EnabledOnOs(value = OS.LINUX, disabledReason = "reads /proc/net/tcp")
@Timeout(30)
class SocketTableLiveTest {

  private static final long PID = ProcessHandle.current().pid();

  @Test
  @DisplayName("shows this process's listener and both ends of a loopback connection")
  void listenerAndConnection() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Socket client = new Socket()) {
      client.connect(server.getLocalSocketAddress(), 5_000);
      try (Socket accepted = server.accept()) {
        int port = server.getLocalPort();

        SocketTable table = SocketTable.read();

        assertThat(table.ownersKnown()).isTrue();
        assertThat(table.localPort(port).inState(TcpState.LISTEN).sockets())
            .singleElement()
            .satisfies(
                s -> {
                  assertThat(s.ownedByThisProcess()).isTrue();
                  assertThat(s.pid()).isEqualTo(OptionalLong.of(PID));
                  assertThat(s.local().getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
                });
        assertThat(table.localPort(port).inState(TcpState.ESTABLISHED).ofThisProcess().sockets())
            .singleElement()
            .extracting(TcpSocket::remote)
            .isEqualTo(accepted.getRemoteSocketAddress());
        assertThat(table.remotePort(port).inState(TcpState.ESTABLISHED).ofThisProcess().sockets())
            .singleElement()
            .extracting(TcpSocket::local)
            .isEqualTo(new InetSocketAddress(client.getLocalAddress(), client.getLocalPort()));
        assertThat(table.port(port).ofThisProcess().countByState())
            .containsEntry(TcpState.LISTEN, 1)
            .containsEntry(TcpState.ESTABLISHED, 2);
      }
    }
  }

  @Test
  @DisplayName("skips no line of the kernel's own files, also when looking at other processes")
  void readsCleanly() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      SocketTable table = SocketTable.readWithOtherProcesses();

      assertThat(table.skippedLines()).isZero();
      assertThat(table.source()).startsWith("/proc/net/tcp");
      assertThat(table.localPort(server.getLocalPort()).ofThisProcess().count()).isEqualTo(1);
    }
  }
}
