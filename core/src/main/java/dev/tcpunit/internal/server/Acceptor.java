package dev.tcpunit.internal.server;

import dev.tcpunit.internal.engine.IoHandler;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** Accepts the connections queued on a listening socket and hands them to the server. */
final class Acceptor implements IoHandler {

  private static final int ACCEPTS_PER_TURN = 64;

  private final ServerCore server;

  Acceptor(ServerCore server) {
    this.server = server;
  }

  @Override
  public void ready(SelectionKey key) throws IOException {
    ServerSocketChannel channel = (ServerSocketChannel) key.channel();
    for (int i = 0; i < ACCEPTS_PER_TURN && server.isListeningOn(channel); i++) {
      SocketChannel accepted = channel.accept();
      if (accepted == null) {
        return;
      }
      server.accepted(accepted);
    }
  }

  @Override
  public void failed(Exception error) {
    Thread current = Thread.currentThread();
    current.getUncaughtExceptionHandler().uncaughtException(current, error);
  }
}
