package dev.tcpunit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionRecord;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
@DisplayName("Read and write steps, seen by a raw socket client")
class ScriptedServerStepsTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration NOTHING_YET = Duration.ofMillis(100);

  /** Shows that a read step has not completed: its "ok" does not come. */
  private static void assertNoAnswerYet(RawClient client) {
    client.timeout(NOTHING_YET);
    assertThatThrownBy(client::read).isInstanceOf(SocketTimeoutException.class);
    client.timeout(RawClient.READ_TIMEOUT);
  }

  @Nested
  @DisplayName("read steps wait for exactly what they need")
  class Reads {

    @Test
    @DisplayName("readBytes(n)")
    void readBytes() throws Exception {
      try (ScriptedServer server =
              ScriptedServer.start(ConnectionScript.create().readBytes(5).write("ok").readAny());
          RawClient client = RawClient.connect(server)) {
        client.send("abc");
        assertNoAnswerYet(client);
        client.send("de");
        assertThat(client.read(2)).isEqualTo("ok");
      }
    }

    @Test
    @DisplayName("readAny()")
    void readAny() throws Exception {
      try (ScriptedServer server =
              ScriptedServer.start(ConnectionScript.create().readAny().write("ok").readAny());
          RawClient client = RawClient.connect(server)) {
        assertNoAnswerYet(client);
        client.send("x");
        assertThat(client.read(2)).isEqualTo("ok");
      }
    }

    @Test
    @DisplayName("readLine()")
    void readLine() throws Exception {
      try (ScriptedServer server =
              ScriptedServer.start(ConnectionScript.create().readLine().write("ok").readAny());
          RawClient client = RawClient.connect(server)) {
        client.send("no line feed yet");
        assertNoAnswerYet(client);
        client.send("\n");
        assertThat(client.read(2)).isEqualTo("ok");
      }
    }

    @Test
    @DisplayName("readUntil(delimiter), also split across packets")
    void readUntil() throws Exception {
      try (ScriptedServer server =
              ScriptedServer.start(
                  ConnectionScript.create().readUntil("END").write("ok").readAny());
          RawClient client = RawClient.connect(server)) {
        client.send("data E");
        assertNoAnswerYet(client);
        client.send("ND");
        assertThat(client.read(2)).isEqualTo("ok");
      }
    }

    @Test
    @DisplayName("consecutive reads consume their own bytes of one packet")
    void consecutiveReads() throws Exception {
      ConnectionScript script =
          ConnectionScript.create().readLine().readBytes(2).readUntil(";").write("ok").readAny();
      try (ScriptedServer server = ScriptedServer.start(script);
          RawClient client = RawClient.connect(server)) {
        client.send("line\nABxyz");
        assertNoAnswerYet(client);
        client.send(";");
        assertThat(client.read(2)).isEqualTo("ok");
      }
    }

    @Test
    @DisplayName("readUntilIdle(idle) ends once the client was silent for idle")
    void readUntilIdle() throws Exception {
      Duration idle = Duration.ofMillis(150);
      try (ScriptedServer server =
              ScriptedServer.start(
                  ConnectionScript.create().readUntilIdle(idle).write("ok").readAny());
          RawClient client = RawClient.connect(server)) {
        client.send("a");
        // Taken before the last byte leaves: the server's idle time starts after it arrives.
        long last = System.nanoTime();
        client.send("b");
        assertThat(client.read(2)).isEqualTo("ok");
        assertThat(Duration.ofNanos(System.nanoTime() - last)).isGreaterThanOrEqualTo(idle);
        assertThat(server.probe().connection(1).bytesFromClient()).isEqualTo(2);
      }
    }

    @Test
    @DisplayName("readUntilIdle(idle) ends early when the client closes its side")
    void readUntilIdleEndsOnFin() throws Exception {
      ConnectionScript script =
          ConnectionScript.create().readUntilIdle(Duration.ofMinutes(5)).write("ok");
      try (ScriptedServer server = ScriptedServer.start(script);
          RawClient client = RawClient.connect(server)) {
        client.send("all of it");
        client.shutdownOutput();
        assertThat(client.readToEnd()).isEqualTo("ok");
        ConnectionRecord record = server.probe().awaitAllClosed(WAIT).get(0);
        assertThat(record.end()).isEqualTo(ConnectionEnd.CLIENT_FIN);
        assertThat(record.bytesToClient()).isEqualTo(2);
      }
    }
  }

  @Nested
  @DisplayName("write steps")
  class Writes {

    @Test
    @DisplayName("write(bytes) and write(text) arrive in order")
    void write() throws Exception {
      ConnectionScript script =
          ConnectionScript.create().write(new byte[] {1, 2}).write("é").close();
      try (ScriptedServer server = ScriptedServer.start(script);
          RawClient client = RawClient.connect(server)) {
        assertThat(client.socket().getInputStream().readAllBytes())
            .containsExactly(1, 2, (byte) 0xc3, (byte) 0xa9);
        assertThat(server.probe().awaitAllClosed(WAIT).get(0).bytesToClient()).isEqualTo(4);
      }
    }

    @Test
    @DisplayName("a large write arrives whole, counted exactly, while the client reads slowly")
    void largeWrite() throws Exception {
      byte[] big = new byte[3 * 1024 * 1024 + 7];
      Arrays.fill(big, (byte) 'x');
      try (ScriptedServer server = ScriptedServer.start(ConnectionScript.create().write(big));
          RawClient client = RawClient.connect(server)) {
        assertThat(client.socket().getInputStream().readAllBytes()).hasSize(big.length);
        assertThat(server.probe().awaitAllClosed(WAIT).get(0).bytesToClient())
            .isEqualTo(big.length);
      }
    }

    @Test
    @DisplayName("respond(response) writes the whole response")
    void respond() throws Exception {
      HttpResponse response = HttpResponse.of(503, "busy").withHeader("Retry-After", "1");
      try (ScriptedServer server =
              ScriptedServer.start(ConnectionScript.create().respond(response).close());
          RawClient client = RawClient.connect(server)) {
        assertThat(client.readToEnd())
            .isEqualTo(
                "HTTP/1.1 503 Service Unavailable\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n"
                    + "Retry-After: 1\r\n"
                    + "Content-Length: 4\r\n"
                    + "\r\n"
                    + "busy");
      }
    }

    @Test
    @DisplayName("respondTruncated(...) then close(): head and part of the body, then FIN")
    void truncatedThenClose() throws Exception {
      HttpResponse response = HttpResponse.of(200, "0123456789");
      ConnectionScript script = ConnectionScript.create().respondTruncated(response, 3).close();
      try (ScriptedServer server = ScriptedServer.start(script);
          RawClient client = RawClient.connect(server)) {
        assertThat(client.readHead()).contains("Content-Length: 10");
        assertThat(client.readToEnd()).isEqualTo("012");
        ConnectionRecord record = server.probe().awaitAllClosed(WAIT).get(0);
        assertThat(record.bytesToClient()).isEqualTo(response.encodeTruncated(3).length);
        assertThat(record.end()).isEqualTo(ConnectionEnd.SERVER_FIN);
      }
    }

    @Test
    @DisplayName("respondTruncated(...) then reset(): head and part of the body, then RST")
    void truncatedThenReset() throws Exception {
      HttpResponse response = HttpResponse.of(200, "0123456789");
      ConnectionScript script =
          ConnectionScript.create().readLine().respondTruncated(response, 3).reset();
      try (ScriptedServer server = ScriptedServer.start(script);
          RawClient client = RawClient.connect(server)) {
        client.send("go\n");
        String head = client.readHead();
        assertThat(head).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(client.read(3)).isEqualTo("012");
        assertThat(client.readUntilFailure()).hasMessageContaining("Connection reset");
        assertThat(server.probe().awaitAllClosed(WAIT).get(0).end())
            .isEqualTo(ConnectionEnd.SERVER_RESET);
      }
    }

    @Test
    @DisplayName("echo() sends every byte back until the client closes, then closes")
    void echo() throws Exception {
      try (ScriptedServer server = ScriptedServer.start(Scripts.echo());
          RawClient client = RawClient.connect(server)) {
        client.send("ping");
        assertThat(client.read(4)).isEqualTo("ping");
        byte[] big = "0123456789".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
        Thread writer =
            new Thread(
                () -> {
                  try {
                    client.send(big);
                    client.shutdownOutput();
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
        writer.start();
        assertThat(client.readToEnd()).hasSize(big.length);
        writer.join(WAIT.toMillis());
        ConnectionRecord record = server.probe().awaitAllClosed(WAIT).get(0);
        assertThat(record.end()).isEqualTo(ConnectionEnd.CLIENT_FIN);
        assertThat(record.bytesFromClient()).isEqualTo(4 + big.length);
        assertThat(record.bytesToClient()).isEqualTo(4 + big.length);
      }
    }
  }
}
