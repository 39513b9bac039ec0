package dev.tcpunit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionRecord;
import java.net.BindException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
@DisplayName("Script sequences and runtime control")
class ScriptedServerControlTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static ConnectionScript says(String text) {
    return ConnectionScript.create().write(text).close();
  }

  private static String answer(ScriptedServer server) throws Exception {
    try (RawClient client = RawClient.connect(server)) {
      return client.readToEnd();
    }
  }

  @Nested
  @DisplayName("sequences")
  class Sequences {

    @Test
    @DisplayName("the n-th connection runs the n-th script; the last one repeats")
    void nthConnectionRunsNthScript() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(says("1"), says("2"), says("3"))) {
        assertThat(answer(server)).isEqualTo("1");
        assertThat(answer(server)).isEqualTo("2");
        assertThat(answer(server)).isEqualTo("3");
        assertThat(answer(server)).isEqualTo("3");
      }
    }

    @Test
    @DisplayName("firstThen(n, ...) resets the first connections, then answers")
    void firstThen() throws Exception {
      try (ScriptedServer server =
          ScriptedServer.start(Scripts.firstThen(2, Scripts.resetOnAccept(), says("ok")))) {
        for (int i = 0; i < 2; i++) {
          assertThat(RawClient.connectAndFail(server)).hasMessageContaining("Connection reset");
        }
        assertThat(answer(server)).isEqualTo("ok");
        assertThat(server.probe().awaitAllClosed(WAIT))
            .extracting(ConnectionRecord::end)
            .containsExactly(
                ConnectionEnd.SERVER_RESET, ConnectionEnd.SERVER_RESET, ConnectionEnd.SERVER_FIN);
      }
    }

    @Test
    @DisplayName("script(...) replaces the sequence from the next connection on")
    void replaceScripts() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(says("a"), says("b"))) {
        assertThat(answer(server)).isEqualTo("a");
        server.script(says("x"), says("y"));
        assertThat(answer(server)).isEqualTo("x");
        assertThat(answer(server)).isEqualTo("y");
      }
    }

    @Test
    @DisplayName("open connections keep their script when the sequence is replaced")
    void openConnectionsKeepScript() throws Exception {
      try (ScriptedServer server =
              ScriptedServer.start(ConnectionScript.create().readLine().write("old").close());
          RawClient client = RawClient.connect(server)) {
        server.probe().awaitConnections(1, WAIT);
        server.script(says("new"));
        client.send("go\n");
        assertThat(client.readToEnd()).isEqualTo("old");
      }
    }
  }

  @Nested
  @DisplayName("resetAll() and closeAll()")
  class EndAll {

    @Test
    @DisplayName("resetAll() resets every open connection")
    void resetAll() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(Scripts.hang());
          RawClient first = RawClient.connect(server);
          RawClient second = RawClient.connect(server)) {
        server.probe().awaitConnections(2, WAIT);
        server.resetAll();
        assertThat(first.readUntilFailure()).hasMessageContaining("Connection reset");
        assertThat(second.readUntilFailure()).hasMessageContaining("Connection reset");
        assertThat(server.probe().awaitAllClosed(WAIT))
            .extracting(ConnectionRecord::end, ConnectionRecord::detail)
            .containsOnly(
                org.assertj.core.groups.Tuple.tuple(ConnectionEnd.SERVER_RESET, "resetAll()"));
      }
    }

    @Test
    @DisplayName("closeAll() closes every open connection with FIN")
    void closeAll() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(Scripts.hang());
          RawClient first = RawClient.connect(server);
          RawClient second = RawClient.connect(server)) {
        server.probe().awaitConnections(2, WAIT);
        server.closeAll();
        assertThat(first.read()).isEqualTo(-1);
        assertThat(second.read()).isEqualTo(-1);
        assertThat(server.probe().awaitAllClosed(WAIT))
            .extracting(ConnectionRecord::end, ConnectionRecord::detail)
            .containsOnly(
                org.assertj.core.groups.Tuple.tuple(ConnectionEnd.SERVER_FIN, "closeAll()"));
      }
    }

    @Test
    @DisplayName("the server goes on accepting after resetAll()")
    void acceptsAfterResetAll() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(says("hi"))) {
        server.resetAll();
        assertThat(answer(server)).isEqualTo("hi");
      }
    }
  }

  @Nested
  @DisplayName("listening")
  class Listening {

    @Test
    @DisplayName("stopListening() refuses connections; resumeListening() accepts on the same port")
    void stopAndResume() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(says("hi"))) {
        int port = server.port();
        server.stopListening();
        assertThatThrownBy(() -> RawClient.connect(server)).isInstanceOf(ConnectException.class);
        server.resumeListening();
        assertThat(server.port()).isEqualTo(port);
        assertThat(answer(server)).isEqualTo("hi");
      }
    }

    @Test
    @DisplayName("the port stays the server's while it does not listen")
    void portKept() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(says("hi"))) {
        server.stopListening();
        try (ServerSocket other = new ServerSocket()) {
          other.setReuseAddress(false);
          assertThatThrownBy(() -> other.bind(server.address())).isInstanceOf(BindException.class);
        }
        assertThatThrownBy(() -> RawClient.connect(server)).isInstanceOf(ConnectException.class);
        server.resumeListening();
        assertThat(answer(server)).isEqualTo("hi");
      }
    }

    @Test
    @DisplayName("open connections go on while the server does not listen")
    void openConnectionsGoOn() throws Exception {
      try (ScriptedServer server =
              ScriptedServer.start(ConnectionScript.create().readLine().write("still here"));
          RawClient client = RawClient.connect(server)) {
        server.probe().awaitConnections(1, WAIT);
        server.stopListening();
        client.send("?\n");
        assertThat(client.readToEnd()).isEqualTo("still here");
      }
    }

    @Test
    @DisplayName("the stopListening() step refuses the next connections")
    void stopListeningStep() throws Exception {
      ConnectionScript script = ConnectionScript.create().stopListening().write("last");
      try (ScriptedServer server = ScriptedServer.start(script)) {
        assertThat(answer(server)).isEqualTo("last");
        assertThatThrownBy(() -> RawClient.connect(server)).isInstanceOf(ConnectException.class);
        server.resumeListening();
        assertThat(answer(server)).isEqualTo("last");
      }
    }

    @Test
    @DisplayName("stopListening() and resumeListening() twice do nothing more")
    void idempotent() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(says("hi"))) {
        server.resumeListening();
        server.stopListening();
        server.stopListening();
        server.resumeListening();
        server.resumeListening();
        assertThat(answer(server)).isEqualTo("hi");
      }
    }
  }

  @Nested
  @DisplayName("after close()")
  class AfterClose {

    @Test
    @DisplayName("control methods do nothing, resumeListening() fails, requests stay readable")
    void afterClose() throws Exception {
      ScriptedServer server = ScriptedServer.start(says("hi"));
      server.close();
      server.close();
      server.resetAll();
      server.closeAll();
      server.stopListening();
      server.script(says("x"));
      assertThat(server.requests()).isEqualTo(List.of());
      assertThatThrownBy(server::resumeListening)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageEndingWith("is closed: it cannot listen again");
    }
  }
}
