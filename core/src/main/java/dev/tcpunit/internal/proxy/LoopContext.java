package dev.tcpunit.internal.proxy;

import dev.tcpunit.internal.engine.EventLoop;
import dev.tcpunit.internal.probe.ConnectionTracker;
import dev.tcpunit.proxy.Toxic;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * What one event loop of a proxy owns: its connections, its read buffer and buffer pool, and its
 * copy of the stream toxics in place. Loop-confined: every method runs on the loop's thread.
 */
final class LoopContext {

  final ProxyCore core;
  final EventLoop loop;
  final BufferPool pool = new BufferPool();

  /**
   * The connections handed to this loop and not closed yet; counted by the acceptor and the relays,
   * read by the acceptor to spread connections.
   */
  final AtomicInteger load = new AtomicInteger();

  /** The buffers every read of this loop goes into; handed over to a flow that cannot write all. */
  final ReadSet reads = new ReadSet(pool);

  private final Set<Relay> relays = new LinkedHashSet<>();
  private final List<Toxic> streamToxics = new ArrayList<>();

  LoopContext(ProxyCore core, EventLoop loop) {
    this.core = core;
    this.loop = loop;
  }

  /**
   * Starts relaying an accepted connection, or turns it away.
   *
   * @param client the accepted channel
   * @param number the connection's number in the proxy
   * @param tracker the connection's record in the probe
   * @param refusal the connection-level toxic that turns it away, or {@code null}
   */
  void start(
      SocketChannel client, long number, ConnectionTracker tracker, @Nullable Fault refusal) {
    Relay relay = new Relay(this, client, number, tracker);
    if (refusal != null) {
      relay.refuse(refusal);
      return;
    }
    relays.add(relay);
    relay.start(streamToxics);
  }

  void forget(Relay relay) {
    relays.remove(relay);
  }

  void added(Toxic toxic) {
    streamToxics.add(toxic);
    long now = System.nanoTime();
    for (Relay relay : List.copyOf(relays)) {
      relay.apply(toxic, now);
    }
  }

  void updated(Toxic toxic) {
    streamToxics.replaceAll(inPlace -> inPlace.name().equals(toxic.name()) ? toxic : inPlace);
    long now = System.nanoTime();
    for (Relay relay : List.copyOf(relays)) {
      relay.update(toxic, now);
    }
  }

  void removed(String name) {
    streamToxics.removeIf(toxic -> toxic.name().equals(name));
    long now = System.nanoTime();
    for (Relay relay : List.copyOf(relays)) {
      relay.unapply(name, now);
    }
  }

  void closeAll(Fault fault, boolean reset) {
    for (Relay relay : List.copyOf(relays)) {
      if (reset) {
        relay.reset(fault);
      } else {
        relay.close(fault);
      }
    }
    loop.flushClosed();
  }
}
