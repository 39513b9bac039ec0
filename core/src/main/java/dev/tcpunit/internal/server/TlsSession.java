package dev.tcpunit.internal.server;

import dev.tcpunit.internal.engine.InputBuffer;
import dev.tcpunit.internal.engine.OutputQueue;
import dev.tcpunit.internal.probe.ConnectionTracker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The TLS layer of one scripted connection, over an {@link SSLEngine} in server mode: decrypts what
 * arrives into the connection's input, encrypts its output once the handshake is done, and writes
 * the records to the channel. The probe counts application bytes (decrypted), not records. Loop
 * thread only; delegated tasks run on the loop thread.
 */
final class TlsSession {

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
  private static final int MAX_ROUNDS = 64;

  private final SSLEngine engine;
  private final SocketChannel channel;
  private final InputBuffer in;
  private final OutputQueue out;
  private final ConnectionTracker tracker;
  private ByteBuffer netIn;
  private ByteBuffer netOut;
  private ByteBuffer appIn;
  private boolean handshaken;
  private boolean inboundClosed;
  private boolean shutdownPending;
  private boolean unfinished;

  TlsSession(
      SSLEngine engine,
      SocketChannel channel,
      InputBuffer in,
      OutputQueue out,
      ConnectionTracker tracker) {
    this.engine = engine;
    this.channel = channel;
    this.in = in;
    this.out = out;
    this.tracker = tracker;
    int packet = engine.getSession().getPacketBufferSize();
    this.netIn = ByteBuffer.allocate(packet);
    this.netOut = ByteBuffer.allocate(packet).flip();
    this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
  }

  /** Whether the client's close_notify arrived. */
  boolean inboundClosed() {
    return inboundClosed;
  }

  /** Whether the handshake completed. */
  boolean handshaken() {
    return handshaken;
  }

  /**
   * Whether encrypted bytes wait for the channel to take them, or the last {@link #pump} stopped at
   * its round limit with more to encrypt: either way the connection waits for the channel to be
   * writable and pumps again.
   */
  boolean pendingRecords() {
    return netOut.hasRemaining() || unfinished;
  }

  /**
   * Takes bytes read from the channel and moves everything that can move.
   *
   * @param records the bytes, in read mode; consumed
   * @throws SSLException if the bytes are not TLS or the handshake failed
   * @throws IOException if writing failed
   */
  void received(ByteBuffer records) throws IOException {
    if (netIn.remaining() < records.remaining()) {
      netIn = grow(netIn, netIn.position() + records.remaining());
    }
    netIn.put(records);
    pump();
  }

  /**
   * Decrypts what arrived and encrypts and writes what waits, handshake messages included, until
   * nothing moves or the channel takes no more.
   *
   * @throws SSLException if the bytes are not TLS or the handshake failed
   * @throws IOException if writing failed
   */
  void pump() throws IOException {
    unfinished = false;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      boolean moved = unwrap();
      moved |= wrap();
      writeRecords();
      if (!moved || netOut.hasRemaining()) {
        return;
      }
    }
    unfinished = true;
  }

  /**
   * Sends close_notify after the records that wait, if the channel takes it now; then the output
   * can be shut down. Best effort: a full channel gets no close_notify.
   */
  void closeOutbound() {
    engine.closeOutbound();
    try {
      wrap();
      writeRecords();
    } catch (IOException e) {
      // Closing anyway: the alert is a courtesy.
    }
  }

  /**
   * Sends close_notify, then shuts the output down (FIN) once every record was written.
   *
   * @throws IOException if writing failed
   */
  void shutdownOutput() throws IOException {
    engine.closeOutbound();
    shutdownPending = true;
    pump();
    writeRecords();
  }

  /**
   * The client's FIN arrived: tells whether close_notify came before it.
   *
   * @return the detail to record with {@code CLIENT_FIN}
   */
  String endOfInput() {
    if (inboundClosed) {
      return "close_notify, then FIN";
    }
    try {
      engine.closeInbound();
    } catch (SSLException e) {
      // The engine complains of a possible truncation: the client sent FIN without close_notify.
    }
    return handshaken ? "FIN without close_notify" : "FIN during the TLS handshake";
  }

  private boolean unwrap() throws SSLException {
    if (inboundClosed || netIn.position() == 0) {
      return false;
    }
    boolean moved = false;
    netIn.flip();
    try {
      while (netIn.hasRemaining()) {
        SSLEngineResult result = engine.unwrap(netIn, appIn);
        if (result.bytesProduced() > 0) {
          // Application data comes only after the client's Finished; the engine may decrypt it
          // before it reports FINISHED (on the wrap of its session ticket), so it ends the
          // handshake as far as the probe is concerned.
          handshakeFinished();
          appIn.flip();
          tracker.received(appIn.remaining());
          in.append(appIn);
          appIn.clear();
        }
        moved |= result.bytesConsumed() > 0 || result.bytesProduced() > 0;
        boolean ranTasks = handshakeStatus(result.getHandshakeStatus());
        switch (result.getStatus()) {
          case BUFFER_OVERFLOW:
            appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
            continue;
          case BUFFER_UNDERFLOW:
            return moved;
          case CLOSED:
            // A client closing right after its Finished: the engine took the close_notify before
            // it reported FINISHED (on the wrap of its session ticket), which now never comes.
            if (established()) {
              handshakeFinished();
            }
            inboundClosed = true;
            return true;
          default:
            break;
        }
        if (result.bytesConsumed() == 0 && result.bytesProduced() == 0 && !ranTasks) {
          return moved;
        }
      }
      return moved;
    } finally {
      netIn.compact();
      int packet = engine.getSession().getPacketBufferSize();
      if (netIn.capacity() < packet) {
        netIn = grow(netIn, packet);
      }
    }
  }

  private boolean wrap() throws SSLException {
    if (netOut.hasRemaining() || engine.isOutboundDone()) {
      return false;
    }
    HandshakeStatus status = engine.getHandshakeStatus();
    boolean application = handshaken && status == HandshakeStatus.NOT_HANDSHAKING && !out.isEmpty();
    if (status != HandshakeStatus.NEED_WRAP && !application) {
      return false;
    }
    ByteBuffer source = application ? out.peek() : EMPTY;
    netOut.clear();
    SSLEngineResult result = engine.wrap(source, netOut);
    netOut.flip();
    if (application) {
      out.consumed(result.bytesConsumed());
      tracker.sent(result.bytesConsumed());
    }
    boolean ranTasks = handshakeStatus(result.getHandshakeStatus());
    if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
      netOut = grow(netOut.clear(), engine.getSession().getPacketBufferSize()).flip();
      return true;
    }
    return ranTasks || result.bytesConsumed() > 0 || result.bytesProduced() > 0;
  }

  private void writeRecords() throws IOException {
    while (netOut.hasRemaining()) {
      if (channel.write(netOut) == 0) {
        return;
      }
    }
    if (shutdownPending) {
      shutdownPending = false;
      channel.shutdownOutput();
    }
  }

  /** Runs delegated tasks and notes the end of the handshake; tells whether tasks ran. */
  private boolean handshakeStatus(HandshakeStatus status) {
    if (status == HandshakeStatus.FINISHED) {
      handshakeFinished();
    }
    if (status != HandshakeStatus.NEED_TASK) {
      return false;
    }
    for (Runnable task = engine.getDelegatedTask();
        task != null;
        task = engine.getDelegatedTask()) {
      task.run();
    }
    return true;
  }

  /** Whether the engine's current session is a negotiated one (it is a null session before). */
  private boolean established() {
    return !"SSL_NULL_WITH_NULL_NULL".equals(engine.getSession().getCipherSuite());
  }

  private void handshakeFinished() {
    if (!handshaken) {
      handshaken = true;
      tracker.handshakeCompleted();
    }
  }

  private static ByteBuffer grow(ByteBuffer buffer, int atLeast) {
    ByteBuffer larger = ByteBuffer.allocate(Math.max(atLeast, buffer.capacity() * 2));
    buffer.flip();
    larger.put(buffer);
    return larger;
  }
}
