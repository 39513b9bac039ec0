package dev.tcpunit.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ResetExceptions")
class ResetExceptionsTests {

  @Nested
  @DisplayName("recognizes as a reset")
  class Resets {

    @Test
    void theJdksSocketException() {
      SocketException reset = new SocketException("Connection reset");
      assertThat(ResetExceptions.find(reset)).containsSame(reset);
    }

    @Test
    void resetByPeerFromNioAndNativeTransports() {
      IOException reset = new IOException("recvAddress(..) failed: Connection reset by peer");
      assertThat(ResetExceptions.find(reset)).containsSame(reset);
    }

    @Test
    void httpClientsIoException() {
      IOException reset = new IOException("Connection reset", new SocketException("boom"));
      assertThat(ResetExceptions.find(reset)).containsSame(reset);
    }

    @Test
    void anSslException() {
      SSLException reset = new SSLException("Connection reset");
      assertThat(ResetExceptions.find(reset)).containsSame(reset);
    }

    @Test
    void windowsWording() {
      IOException reset =
          new IOException("An existing connection was forcibly closed by the remote host");
      assertThat(ResetExceptions.find(reset)).containsSame(reset);
    }

    @Test
    void anyCase() {
      SocketException reset = new SocketException("connection RESET");
      assertThat(ResetExceptions.find(reset)).containsSame(reset);
    }

    @Test
    void deepInTheCauseChain() {
      SocketException reset = new SocketException("Connection reset");
      Throwable thrown =
          new IllegalStateException(
              "call failed", new UncheckedIOException(new IOException("read failed", reset)));
      assertThat(ResetExceptions.find(thrown)).containsSame(reset);
    }
  }

  @Nested
  @DisplayName("does not take for a reset")
  class NotResets {

    @Test
    void timeouts() {
      assertThat(ResetExceptions.find(new HttpTimeoutException("request timed out"))).isEmpty();
      assertThat(ResetExceptions.find(new SocketTimeoutException("Read timed out"))).isEmpty();
    }

    @Test
    void endOfStream() {
      assertThat(ResetExceptions.find(new EOFException())).isEmpty();
      assertThat(ResetExceptions.find(new SocketException("Unexpected end of file from server")))
          .isEmpty();
    }

    @Test
    void brokenPipe() {
      assertThat(ResetExceptions.find(new SocketException("Broken pipe"))).isEmpty();
    }

    @Test
    void refusedConnections() {
      assertThat(ResetExceptions.find(new ConnectException("Connection refused"))).isEmpty();
    }

    @Test
    void http2StreamResets() {
      assertThat(ResetExceptions.find(new IOException("stream was reset: CANCEL"))).isEmpty();
    }

    @Test
    void otherTypesThatSayConnectionReset() {
      assertThat(ResetExceptions.find(new IllegalStateException("Connection reset"))).isEmpty();
    }

    @Test
    void exceptionsWithoutMessage() {
      assertThat(ResetExceptions.find(new IOException((String) null))).isEmpty();
    }

    @Test
    void aCyclicCauseChainWithoutReset() {
      IOException a = new IOException("a");
      IOException b = new IOException("b", a);
      a.initCause(b);
      assertThat(ResetExceptions.find(a)).isEmpty();
    }
  }
}
