package dev.tcpunit.internal.proxy;

import dev.tcpunit.internal.engine.IoHandler;
import dev.tcpunit.internal.engine.ScheduledTask;
import dev.tcpunit.internal.probe.ConnectionTracker;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.proxy.ConnectDelayToxic;
import dev.tcpunit.proxy.Direction;
import dev.tcpunit.proxy.Toxic;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One relayed connection: the accepted client channel, the channel to the upstream service and a
 * {@link Flow} each way. Records itself in the proxy's probe. Loop-confined.
 */
final class Relay {

  final LoopContext context;
  final SocketChannel client;
  final long number;
  final ConnectionTracker tracker;
  private final Flow up = new Flow(this, Direction.UPSTREAM);
  private final Flow down = new Flow(this, Direction.DOWNSTREAM);
  private @Nullable SocketChannel upstream;
  private @Nullable SelectionKey clientKey;
  private @Nullable SelectionKey upstreamKey;
  private int clientOps = -1;
  private int upstreamOps = -1;
  private boolean connected;
  private boolean closed;
  private @Nullable ConnectionEnd firstFin;
  private @Nullable ScheduledTask connectTimer;

  Relay(LoopContext context, SocketChannel client, long number, ConnectionTracker tracker) {
    this.context = context;
    this.client = client;
    this.number = number;
    this.tracker = tracker;
  }

  SocketChannel upstream() {
    return Objects.requireNonNull(upstream, "upstream");
  }

  boolean isConnected() {
    return connected;
  }

  boolean isClosed() {
    return closed;
  }

  /** Turns the client away with RST. */
  void refuse(Fault fault) {
    tracker.end(fault.end(), fault.detail());
    closed = true;
    context.load.decrementAndGet();
    context.core.connectionClosed();
    closeQuietly(client, true);
  }

  /** Registers the client, applies the stream toxics in place and connects upstream. */
  void start(List<Toxic> streamToxics) {
    try {
      client.setOption(StandardSocketOptions.TCP_NODELAY, true);
      clientKey = context.loop.register(client, 0, new Side(Direction.UPSTREAM));
    } catch (IOException e) {
      peerFailed(Direction.UPSTREAM, e);
      return;
    }
    long now = System.nanoTime();
    for (Toxic toxic : streamToxics) {
      apply(toxic, now);
    }
    long delay = 0;
    for (Toxic toxic : context.core.connectionToxics()) {
      if (toxic instanceof ConnectDelayToxic d
          && context.core.random().applies(toxic, number, toxic.stream())) {
        delay = Math.max(delay, d.delay().toNanos());
      }
    }
    if (delay > 0) {
      connectTimer = context.loop.schedule(Duration.ofNanos(delay), this::connect);
    } else {
      connect();
    }
  }

  private void connect() {
    connectTimer = null;
    if (closed) {
      return;
    }
    try {
      SocketChannel channel = SocketChannel.open();
      upstream = channel;
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      // On loopback the handshake is usually complete when connect returns: finishing at once
      // saves a turn of the loop.
      boolean done = channel.connect(context.core.upstream()) || channel.finishConnect();
      upstreamKey =
          context.loop.register(
              channel, done ? 0 : SelectionKey.OP_CONNECT, new Side(Direction.DOWNSTREAM));
      if (done) {
        connected();
      }
    } catch (IOException e) {
      connectFailed(e.getMessage());
    } catch (UnresolvedAddressException e) {
      connectFailed("its host name was not resolved");
    }
  }

  private void connected() {
    connected = true;
    long now = System.nanoTime();
    up.afterPipeline(now);
    down.afterPipeline(now);
    updateInterest();
    if (!closed) {
      // The client often sent its first bytes while the proxy connected: relay them now rather
      // than at the next turn of the loop.
      up.read();
    }
  }

  private void connectFailed(@Nullable String why) {
    reset(
        new Fault(
            ConnectionEnd.PROXY_FAULT,
            "upstream " + context.core.upstream() + " unreachable: " + why));
  }

  /** Starts a stream toxic on this connection, if its toxicity draw says so. */
  void apply(Toxic toxic, long now) {
    if (closed || toxic.isConnectionLevel()) {
      return;
    }
    Flow flow = toxic.stream() == Direction.UPSTREAM ? up : down;
    if (!context.core.random().applies(toxic, number, toxic.stream())) {
      return;
    }
    Stage stage = Stages.create(toxic, flow, flow, now);
    if (stage != null) {
      flow.pipeline.add(stage);
      flow.afterPipeline(now);
    }
  }

  /**
   * Gives a toxic's stage new attributes. The toxicity draw of this connection is made again with
   * the new toxicity: the stage is added or removed when the outcome changes.
   */
  void update(Toxic toxic, long now) {
    if (closed) {
      return;
    }
    Flow flow = toxic.stream() == Direction.UPSTREAM ? up : down;
    if (!context.core.random().applies(toxic, number, toxic.stream())) {
      unapply(toxic.name(), now);
    } else if (flow.pipeline.update(toxic, now)) {
      flow.pipeline.runDue(now);
      flow.afterPipeline(now);
    } else {
      apply(toxic, now);
    }
  }

  /** Removes a toxic's stage from this connection. */
  void unapply(String name, long now) {
    for (Flow flow : new Flow[] {up, down}) {
      if (!closed && flow.pipeline.remove(name, now)) {
        flow.afterPipeline(now);
      }
    }
  }

  void sawFin(Direction direction) {
    if (firstFin == null) {
      firstFin =
          direction == Direction.UPSTREAM ? ConnectionEnd.CLIENT_FIN : ConnectionEnd.SERVER_FIN;
    }
  }

  /** Called when a flow passed the end of stream on: both done closes the connection. */
  void outputShut() {
    if (up.isOutputShut() && down.isOutputShut()) {
      tracker.end(Objects.requireNonNullElse(firstFin, ConnectionEnd.CLIENT_FIN));
      closeChannels(false);
    }
  }

  /**
   * A socket failed: its peer reset the connection, or it went away. Resets the other side.
   *
   * @param side {@link Direction#UPSTREAM} for the client's socket, {@link Direction#DOWNSTREAM}
   *     for the upstream's
   */
  void peerFailed(Direction side, IOException error) {
    if (closed) {
      return;
    }
    if (side == Direction.DOWNSTREAM && !connected) {
      connectFailed(error.getMessage());
      return;
    }
    ConnectionEnd end =
        side == Direction.UPSTREAM ? ConnectionEnd.CLIENT_RESET : ConnectionEnd.SERVER_RESET;
    tracker.end(end, error.getMessage());
    closeChannels(true);
  }

  /** Closes both sides with FIN, recording a toxic's end. */
  void close(Fault fault) {
    if (!closed) {
      tracker.end(fault.end(), fault.detail());
      closeChannels(false);
    }
  }

  /** Aborts both sides with RST, recording a toxic's end. */
  void reset(Fault fault) {
    if (!closed) {
      tracker.end(fault.end(), fault.detail());
      closeChannels(true);
    }
  }

  private void closeChannels(boolean reset) {
    closed = true;
    if (connectTimer != null) {
      connectTimer.cancel();
    }
    up.release();
    down.release();
    closeQuietly(client, reset);
    if (upstream != null) {
      closeQuietly(upstream, reset);
    }
    context.forget(this);
    context.load.decrementAndGet();
    context.core.connectionClosed();
  }

  private static void closeQuietly(SocketChannel channel, boolean reset) {
    try {
      if (reset && channel.isOpen()) {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
      }
    } catch (IOException e) {
      // Not connected any more: a plain close is all there is left to do.
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Closing: nothing left to tell.
    }
  }

  /** Sets each channel's interest from what its two flows want. */
  void updateInterest() {
    if (closed || clientKey == null) {
      return;
    }
    int ops =
        connected
            ? (up.wantsRead() ? SelectionKey.OP_READ : 0)
                | (down.wantsWrite() ? SelectionKey.OP_WRITE : 0)
            : 0;
    if (ops != clientOps) {
      clientOps = ops;
      clientKey.interestOps(ops);
    }
    if (connected && upstreamKey != null) {
      ops =
          (down.wantsRead() ? SelectionKey.OP_READ : 0)
              | (up.wantsWrite() ? SelectionKey.OP_WRITE : 0);
      if (ops != upstreamOps) {
        upstreamOps = ops;
        upstreamKey.interestOps(ops);
      }
    }
  }

  /** Reacts to one socket's readiness: the client's or the upstream's. */
  private final class Side implements IoHandler {

    /** The flow this socket is the source of. */
    private final Direction reads;

    Side(Direction reads) {
      this.reads = reads;
    }

    @Override
    public void ready(SelectionKey key) throws IOException {
      int ready = key.readyOps();
      if ((ready & SelectionKey.OP_CONNECT) != 0) {
        if (upstream().finishConnect()) {
          connected();
        }
        return;
      }
      if ((ready & SelectionKey.OP_WRITE) != 0) {
        (reads == Direction.UPSTREAM ? down : up).writable();
      }
      if ((ready & SelectionKey.OP_READ) != 0 && !closed) {
        (reads == Direction.UPSTREAM ? up : down).read();
      }
    }

    @Override
    public void failed(Exception error) {
      if (error instanceof IOException io) {
        peerFailed(reads, io);
      } else {
        reset(new Fault(ConnectionEnd.PROXY_FAULT, "proxy failure: " + error));
      }
    }
  }
}
