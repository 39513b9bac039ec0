package dev.tcpunit.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/** A blocking loopback server for proxy tests: one thread per connection runs a behaviour. */
final class TestUpstream implements AutoCloseable {

  /** What the server does with one accepted connection. */
  interface Behaviour {
    void run(Socket socket) throws IOException;
  }

  /** Echoes until end of stream, then closes (FIN). */
  static final Behaviour ECHO =
      socket -> {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[16 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
        }
        socket.close();
      };

  private final ServerSocket server;
  private final Behaviour behaviour;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  /** What each connection's behaviour ended with: "ok" or the exception's class and message. */
  final BlockingQueue<String> outcomes = new LinkedBlockingQueue<>();

  private TestUpstream(Behaviour behaviour) throws IOException {
    this.behaviour = behaviour;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "test-upstream-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static TestUpstream start(Behaviour behaviour) throws IOException {
    return new TestUpstream(behaviour);
  }

  static TestUpstream echo() throws IOException {
    return start(ECHO);
  }

  InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        sockets.add(socket);
        Thread worker = new Thread(() -> serve(socket), "test-upstream-connection");
        worker.setDaemon(true);
        worker.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      behaviour.run(socket);
      outcomes.add("ok");
    } catch (IOException e) {
      outcomes.add(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
