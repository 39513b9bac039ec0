package dev.tcpunit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionRecord;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
@DisplayName("How scripts end connections, seen by a raw socket client and by the probe")
class ScriptedServerEndingsTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static ConnectionRecord onlyConnection(ScriptedServer server) throws Exception {
    return server.probe().awaitAllClosed(WAIT).get(0);
  }

  @Nested
  @DisplayName("the server ends")
  class ServerEnds {

    @Test
    @DisplayName("close() sends FIN: the client reads the end of the stream")
    void closeSendsFin() throws Exception {
      try (ScriptedServer server =
              ScriptedServer.start(ConnectionScript.create().write("bye").close());
          RawClient client = RawClient.connect(server)) {
        assertThat(client.readToEnd()).isEqualTo("bye");
        assertThat(client.read()).isEqualTo(-1);
        ConnectionRecord record = onlyConnection(server);
        assertThat(record.end()).isEqualTo(ConnectionEnd.SERVER_FIN);
        assertThat(record.detail()).isNull();
        assertThat(record.bytesToClient()).isEqualTo(3);
      }
    }

    @Test
    @DisplayName("the end of the script sends FIN")
    void endOfScriptSendsFin() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(ConnectionScript.create().write("hi"));
          RawClient client = RawClient.connect(server)) {
        assertThat(client.readToEnd()).isEqualTo("hi");
        ConnectionRecord record = onlyConnection(server);
        assertThat(record.end()).isEqualTo(ConnectionEnd.SERVER_FIN);
        assertThat(record.detail()).isEqualTo("end of script");
      }
    }

    @Test
    @DisplayName("reset() sends RST: the client's read fails with \"Connection reset\"")
    void resetSendsRst() throws Exception {
      try (ScriptedServer server =
              ScriptedServer.start(ConnectionScript.create().readLine().reset());
          RawClient client = RawClient.connect(server)) {
        client.send("hello\n");
        assertThat(client.readUntilFailure())
            .isInstanceOf(SocketException.class)
            .hasMessageContaining("Connection reset");
        ConnectionRecord record = onlyConnection(server);
        assertThat(record.end()).isEqualTo(ConnectionEnd.SERVER_RESET);
        assertThat(record.bytesFromClient()).isEqualTo(6);
        assertThat(record.firstByteAt()).isPresent();
      }
    }

    @Test
    @DisplayName("resetOnAccept() resets before reading anything")
    void resetOnAccept() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(Scripts.resetOnAccept())) {
        assertThat(RawClient.connectAndFail(server)).hasMessageContaining("Connection reset");
        ConnectionRecord record = onlyConnection(server);
        assertThat(record.end()).isEqualTo(ConnectionEnd.SERVER_RESET);
        assertThat(record.bytesFromClient()).isZero();
        assertThat(record.firstByteAt()).isEmpty();
      }
    }

    @Test
    @DisplayName("bytes written before reset() arrive before the RST")
    void bytesBeforeReset() throws Exception {
      try (ScriptedServer server =
              ScriptedServer.start(ConnectionScript.create().readLine().write("partial").reset());
          RawClient client = RawClient.connect(server)) {
        client.send("go\n");
        assertThat(client.read(7)).isEqualTo("partial");
        assertThat(client.readUntilFailure()).hasMessageContaining("Connection reset");
        assertThat(onlyConnection(server).bytesToClient()).isEqualTo(7);
      }
    }

    @Test
    @DisplayName("halfClose() sends FIN and the server still reads what the client sends")
    void halfClose() throws Exception {
      ConnectionScript script = ConnectionScript.create().halfClose().readLine().close();
      try (ScriptedServer server = ScriptedServer.start(script);
          RawClient client = RawClient.connect(server)) {
        assertThat(client.read()).isEqualTo(-1);
        assertThat(server.probe().connection(1).isOpen()).isTrue();
        client.send("after\n");
        ConnectionRecord record = onlyConnection(server);
        assertThat(record.bytesFromClient()).isEqualTo(6);
        assertThat(record.end()).isEqualTo(ConnectionEnd.SERVER_FIN);
      }
    }

    @Test
    @DisplayName("closing the server sends FIN on open connections, recorded as \"server closed\"")
    void serverClose() throws Exception {
      ScriptedServer server = ScriptedServer.start(Scripts.hang());
      try (RawClient client = RawClient.connect(server)) {
        server.probe().awaitConnections(1, WAIT);
        server.close();
        assertThat(client.read()).isEqualTo(-1);
        ConnectionRecord record = server.probe().connection(1);
        assertThat(record.end()).isEqualTo(ConnectionEnd.SERVER_FIN);
        assertThat(record.detail()).isEqualTo("server closed");
      } finally {
        server.close();
      }
    }
  }

  @Nested
  @DisplayName("the client ends")
  class ClientEnds {

    @Test
    @DisplayName("a client FIN while a read step waits closes the connection: CLIENT_FIN")
    void finWhileReading() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(ConnectionScript.create().readLine());
          RawClient client = RawClient.connect(server)) {
        client.send("no line feed");
        client.shutdownOutput();
        assertThat(client.read()).isEqualTo(-1);
        ConnectionRecord record = onlyConnection(server);
        assertThat(record.end()).isEqualTo(ConnectionEnd.CLIENT_FIN);
        assertThat(record.bytesFromClient()).isEqualTo(12);
      }
    }

    @Test
    @DisplayName("a client FIN during hang() is seen at once: CLIENT_FIN")
    void finWhileHanging() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(Scripts.hang())) {
        RawClient client = RawClient.connect(server);
        server.probe().awaitConnections(1, WAIT);
        client.close();
        assertThat(onlyConnection(server).end()).isEqualTo(ConnectionEnd.CLIENT_FIN);
      }
    }

    @Test
    @DisplayName("a client RST (SO_LINGER 0, close) during hang() is seen at once: CLIENT_RESET")
    void resetWhileHanging() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(Scripts.hang())) {
        RawClient client = RawClient.connect(server);
        client.send("x");
        server.probe().awaitConnections(1, WAIT);
        client.reset();
        ConnectionRecord record = onlyConnection(server);
        assertThat(record.end()).isEqualTo(ConnectionEnd.CLIENT_RESET);
        assertThat(record.detail()).contains("Connection reset");
      }
    }

    @Test
    @DisplayName("a client RST during a delay is seen before the delay ends")
    void resetDuringDelay() throws Exception {
      ConnectionScript script = ConnectionScript.create().delay(Duration.ofMinutes(5)).write("x");
      try (ScriptedServer server = ScriptedServer.start(script)) {
        RawClient client = RawClient.connect(server);
        server.probe().awaitConnections(1, WAIT);
        client.reset();
        assertThat(onlyConnection(server).end()).isEqualTo(ConnectionEnd.CLIENT_RESET);
      }
    }

    @Test
    @DisplayName("the first end wins: a server reset after the client's FIN stays CLIENT_FIN")
    void firstEndWins() throws Exception {
      ConnectionScript script = ConnectionScript.create().readLine().reset();
      try (ScriptedServer server = ScriptedServer.start(script);
          RawClient client = RawClient.connect(server)) {
        client.send("partial");
        client.shutdownOutput();
        client.readToEnd();
        assertThat(onlyConnection(server).end()).isEqualTo(ConnectionEnd.CLIENT_FIN);
      }
    }
  }

  @Nested
  @DisplayName("waiting steps")
  class Waiting {

    @Test
    @DisplayName("hang() never answers: the client's read times out")
    void hang() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(Scripts.hang());
          RawClient client = RawClient.connect(server)) {
        client.send("anyone?\n").timeout(Duration.ofMillis(200));
        assertThatThrownBy(client::read).isInstanceOf(SocketTimeoutException.class);
        assertThat(server.probe().awaitConnections(1, WAIT).get(0).isOpen()).isTrue();
      }
    }

    @Test
    @DisplayName("delay() waits at least its duration before the next step")
    void delay() throws Exception {
      Duration delay = Duration.ofMillis(150);
      ConnectionScript script = ConnectionScript.create().readLine().delay(delay).write("late");
      try (ScriptedServer server = ScriptedServer.start(script);
          RawClient client = RawClient.connect(server)) {
        long sent = System.nanoTime();
        client.send("now\n");
        assertThat(client.read(4)).isEqualTo("late");
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(delay);
      }
    }

    @Test
    @DisplayName("bytes that arrive during a delay are kept for the next read step")
    void readsDuringDelay() throws Exception {
      ConnectionScript script =
          ConnectionScript.create().delay(Duration.ofMillis(100)).readLine().write("ok");
      try (ScriptedServer server = ScriptedServer.start(script);
          RawClient client = RawClient.connect(server)) {
        client.send("early\n");
        assertThat(client.read(2)).isEqualTo("ok");
        assertThat(onlyConnection(server).bytesFromClient()).isEqualTo(6);
      }
    }
  }
}
