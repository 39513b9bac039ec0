package dev.tcpunit.internal.engine;

import java.io.IOException;
import java.nio.channels.SelectionKey;

/** Reacts to a registered channel's readiness; called on the loop thread only. */
public interface IoHandler {

  /**
   * Called when the channel is ready for some of the operations in its interest set.
   *
   * @param key the channel's key; {@link SelectionKey#readyOps()} tells what is ready
   * @throws IOException if an I/O operation failed; the loop then calls {@link #failed}
   */
  void ready(SelectionKey key) throws IOException;

  /**
   * Called when {@link #ready} threw. The handler should release its channel.
   *
   * @param error what {@link #ready} threw
   */
  void failed(Exception error);
}
