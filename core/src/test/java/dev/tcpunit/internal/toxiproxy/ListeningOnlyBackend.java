package dev.tcpunit.internal.toxiproxy;

import dev.tcpunit.internal.probe.RecordingProbe;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.proxy.FaultProxy;
import dev.tcpunit.proxy.Toxic;
import dev.tcpunit.proxy.ToxicHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Proxies that listen for real (so ports, bind errors and refused connections are real) but relay
 * nothing, and remember their toxics: enough to test the admin API's bookkeeping.
 */
final class ListeningOnlyBackend implements ProxyBackend {

  final List<Listening> opened = new CopyOnWriteArrayList<>();

  @Override
  public FaultProxy open(
      String name,
      InetSocketAddress listen,
      InetSocketAddress upstream,
      long seed,
      List<Toxic> toxics) {
    Listening proxy = new Listening(name, listen, upstream, seed, toxics);
    opened.add(proxy);
    return proxy;
  }

  Listening last() {
    return opened.get(opened.size() - 1);
  }

  static final class Listening implements FaultProxy {

    private final String name;
    private final InetSocketAddress upstream;
    private final long seed;
    private final List<Toxic> toxics;
    private InetSocketAddress address;
    private @Nullable ServerSocketChannel channel;
    private boolean closed;

    Listening(
        String name,
        InetSocketAddress listen,
        InetSocketAddress upstream,
        long seed,
        List<Toxic> toxics) {
      this.name = name;
      this.upstream = upstream;
      this.seed = seed;
      this.toxics = new ArrayList<>(toxics);
      this.address = listen;
      bind();
    }

    private void bind() {
      try {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
          server.bind(address);
        } catch (IOException e) {
          server.close();
          throw e;
        }
        address = (InetSocketAddress) server.getLocalAddress();
        channel = server;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public InetSocketAddress listenAddress() {
      return address;
    }

    @Override
    public InetSocketAddress upstream() {
      return upstream;
    }

    @Override
    public synchronized ToxicHandle add(Toxic toxic) {
      if (toxics.stream().anyMatch(t -> t.name().equals(toxic.name()))) {
        throw new IllegalArgumentException("duplicate " + toxic.name());
      }
      toxics.add(toxic);
      return new ToxicHandle() {
        @Override
        public Toxic toxic() {
          return toxic;
        }

        @Override
        public boolean isActive() {
          return toxics().contains(toxic);
        }

        @Override
        public void update(Toxic update) {
          Listening.this.update(update.named(toxic.name()));
        }

        @Override
        public void remove() {
          Listening.this.remove(toxic.name());
        }

        @Override
        public void close() {
          if (isActive()) {
            remove();
          }
        }
      };
    }

    @Override
    public synchronized void update(Toxic toxic) {
      toxics.replaceAll(t -> t.name().equals(toxic.name()) ? toxic : t);
    }

    @Override
    public synchronized List<Toxic> toxics() {
      return List.copyOf(toxics);
    }

    @Override
    public synchronized void remove(String toxicName) {
      if (!toxics.removeIf(t -> t.name().equals(toxicName))) {
        throw new IllegalArgumentException("no toxic " + toxicName);
      }
    }

    @Override
    public synchronized void removeAll() {
      toxics.clear();
    }

    @Override
    public void resetAll() {}

    @Override
    public synchronized void disable() {
      closeChannel();
    }

    @Override
    public synchronized void enable() {
      if (channel == null && !closed) {
        bind();
      }
    }

    @Override
    public synchronized boolean isEnabled() {
      return channel != null;
    }

    @Override
    public long seed() {
      return seed;
    }

    @Override
    public ConnectionProbe probe() {
      return new RecordingProbe();
    }

    @Override
    public synchronized void close() {
      closed = true;
      closeChannel();
    }

    synchronized boolean isClosed() {
      return closed;
    }

    private void closeChannel() {
      ServerSocketChannel server = channel;
      channel = null;
      if (server != null) {
        try {
          server.close();
        } catch (IOException ignored) {
          // closing a listener
        }
      }
    }
  }
}
