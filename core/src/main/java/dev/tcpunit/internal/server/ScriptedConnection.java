package dev.tcpunit.internal.server;

import dev.tcpunit.internal.engine.EventLoop;
import dev.tcpunit.internal.engine.InputBuffer;
import dev.tcpunit.internal.engine.IoHandler;
import dev.tcpunit.internal.engine.OutputQueue;
import dev.tcpunit.internal.engine.ScheduledTask;
import dev.tcpunit.internal.probe.ConnectionTracker;
import dev.tcpunit.probe.ConnectionEnd;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * One accepted connection: moves its bytes and records them, and lets a {@link StepRunner} drive
 * its script. It reads whenever it can (also while a step waits or writes), so a client's FIN or
 * RST is seen at once. With TLS, a {@link TlsSession} sits between the channel and the buffers, so
 * the steps see decrypted bytes; a script starting with a handshake fault sees the client's raw
 * records instead and no handshake happens. Loop thread only.
 */
final class ScriptedConnection implements IoHandler {

  /** Reading pauses while this much waits unread and no read step wants it. */
  private static final int INPUT_PAUSE_BYTES = 1 << 20;

  /** Echoing pauses reading while this much waits to be written. */
  private static final int ECHO_PAUSE_BYTES = 256 * 1024;

  private static final int READS_PER_TURN = 16;

  private final ServerCore server;
  private final EventLoop loop;
  private final SocketChannel channel;
  private final ConnectionTracker tracker;
  private final StepRunner runner;
  private final InputBuffer in = new InputBuffer();
  private final OutputQueue out = new OutputQueue();
  private final @Nullable TlsSession tls;
  private final boolean rawRecords;
  private @Nullable SelectionKey key;
  private @Nullable ScheduledTask timer;
  private boolean inputEnded;
  private boolean outputShut;
  private boolean closed;
  private long lastArrivalNanos = System.nanoTime();

  ScriptedConnection(
      ServerCore server,
      EventLoop loop,
      SocketChannel channel,
      ConnectionTracker tracker,
      List<Step> steps,
      @Nullable SSLEngine engine) {
    this.server = server;
    this.loop = loop;
    this.channel = channel;
    this.tracker = tracker;
    this.runner = new StepRunner(this, steps);
    this.rawRecords = engine != null && !steps.isEmpty() && Step.isHandshakeFault(steps.get(0));
    this.tls =
        engine == null || rawRecords ? null : new TlsSession(engine, channel, in, out, tracker);
  }

  /**
   * Starts the script once the channel is registered.
   *
   * @param key the channel's key, interested in reading
   */
  void start(SelectionKey key) {
    this.key = key;
    advance();
  }

  @Override
  public void ready(SelectionKey key) {
    int ops = key.readyOps();
    if ((ops & SelectionKey.OP_READ) != 0) {
      read();
    }
    if (!closed && (ops & SelectionKey.OP_WRITE) != 0) {
      flush();
    }
    advance();
  }

  @Override
  public void failed(Exception error) {
    if (!closed) {
      reset(ConnectionEnd.SERVER_RESET, "internal error: " + error);
    }
    Thread current = Thread.currentThread();
    current.getUncaughtExceptionHandler().uncaughtException(current, error);
  }

  /** Runs the script as far as it can go now, then updates what the channel waits for. */
  void advance() {
    if (closed) {
      return;
    }
    runner.run();
    if (!closed && key != null) {
      int ops =
          (wantsInput() ? SelectionKey.OP_READ : 0) | (waitsToWrite() ? SelectionKey.OP_WRITE : 0);
      if (key.interestOps() != ops) {
        key.interestOps(ops);
      }
    }
  }

  /** Continues the script at the loop's next turn, letting other connections run first. */
  void advanceLater() {
    loop.execute(this::advance);
  }

  InputBuffer input() {
    return in;
  }

  boolean inputEnded() {
    return inputEnded;
  }

  boolean isClosed() {
    return closed;
  }

  int index() {
    return tracker.index();
  }

  ServerCore server() {
    return server;
  }

  long lastArrivalNanos() {
    return lastArrivalNanos;
  }

  /**
   * Queues bytes and writes what the client takes now.
   *
   * @param bytes the bytes, not changed afterwards
   */
  void write(byte[] bytes) {
    out.add(bytes);
    flush();
  }

  boolean flushed() {
    return out.isEmpty() && (tls == null || !tls.pendingRecords());
  }

  long pendingOutput() {
    return out.pending();
  }

  void schedule(Duration delay, Runnable task) {
    cancelTimer();
    timer = loop.schedule(delay, task);
  }

  void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  /** Shuts the output down (FIN); the client can still send. */
  void shutdownOutput() {
    if (outputShut || closed) {
      return;
    }
    try {
      if (tls != null) {
        tls.shutdownOutput();
      } else {
        channel.shutdownOutput();
      }
      outputShut = true;
    } catch (SSLException e) {
      tlsFailed(e);
    } catch (IOException e) {
      abort(e);
    }
  }

  /**
   * Closes gracefully (FIN) at once, dropping unwritten output, and records the end unless one was
   * recorded before.
   *
   * @param end the end to record
   * @param detail what ended it, or {@code null}
   */
  void close(ConnectionEnd end, @Nullable String detail) {
    if (closed) {
      return;
    }
    if (!inputEnded) {
      read();
      if (closed) {
        return;
      }
    }
    tracker.end(end, detail);
    if (tls != null) {
      tls.closeOutbound();
    }
    release();
  }

  /**
   * Aborts with RST ({@code SO_LINGER} 0, then close) and records the end unless one was recorded
   * before.
   *
   * @param end the end to record
   * @param detail what ended it, or {@code null}
   */
  void reset(ConnectionEnd end, @Nullable String detail) {
    if (closed) {
      return;
    }
    tracker.end(end, detail);
    try {
      channel.setOption(StandardSocketOptions.SO_LINGER, 0);
    } catch (IOException e) {
      // Already dead: closing is all that is left.
    }
    release();
  }

  private boolean waitsToWrite() {
    return tls == null ? !out.isEmpty() : tls.pendingRecords();
  }

  private boolean wantsInput() {
    if (inputEnded) {
      return false;
    }
    if (runner.echoing()) {
      return out.pending() < ECHO_PAUSE_BYTES;
    }
    return in.size() < INPUT_PAUSE_BYTES || runner.reading();
  }

  private void read() {
    ByteBuffer buffer = loop.ioBuffer();
    for (int i = 0; i < READS_PER_TURN && !closed; i++) {
      int n;
      try {
        n = channel.read(buffer.clear());
      } catch (IOException e) {
        abort(e);
        return;
      }
      if (n < 0) {
        inputEnded = true;
        tracker.end(ConnectionEnd.CLIENT_FIN, tls == null ? null : tls.endOfInput());
        return;
      }
      if (n == 0) {
        return;
      }
      lastArrivalNanos = System.nanoTime();
      if (tls == null) {
        if (!rawRecords) {
          tracker.received(n);
        }
        in.append(buffer.flip());
      } else if (!decrypt(buffer.flip())) {
        return;
      }
    }
  }

  /** Hands records to TLS; tells whether reading may go on. */
  private boolean decrypt(ByteBuffer records) {
    TlsSession session = Objects.requireNonNull(tls);
    try {
      session.received(records);
    } catch (SSLException e) {
      tlsFailed(e);
      return false;
    } catch (IOException e) {
      abort(e);
      return false;
    }
    if (session.inboundClosed()) {
      inputEnded = true;
      tracker.end(ConnectionEnd.CLIENT_FIN, "close_notify");
      return false;
    }
    return true;
  }

  /**
   * TLS failed: the client sent an alert (it gave up, for example on an untrusted certificate), or
   * sent something that is not TLS. The server sends its alert if it can and closes.
   */
  private void tlsFailed(SSLException error) {
    String message = String.valueOf(error.getMessage());
    boolean fromClient = message.contains("Received fatal alert");
    String phase = tls != null && tls.handshaken() ? "TLS failed: " : "TLS handshake failed: ";
    if (!fromClient && tls != null) {
      tls.closeOutbound();
    }
    tracker.end(fromClient ? ConnectionEnd.CLIENT_FIN : ConnectionEnd.SERVER_FIN, phase + message);
    release();
  }

  private void flush() {
    try {
      if (tls == null) {
        out.writeTo(channel, tracker::sent);
      } else {
        tls.pump();
      }
    } catch (SSLException e) {
      tlsFailed(e);
    } catch (IOException e) {
      abort(e);
    }
  }

  /** The client is gone: reading or writing failed (it reset, or its closed socket did). */
  private void abort(IOException error) {
    tracker.end(ConnectionEnd.CLIENT_RESET, error.getMessage());
    release();
  }

  private void release() {
    closed = true;
    cancelTimer();
    out.clear();
    in.clear();
    if (key != null) {
      key.cancel();
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing left to release.
    }
    server.released(this);
  }
}
