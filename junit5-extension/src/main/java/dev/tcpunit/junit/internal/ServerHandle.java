package dev.tcpunit.junit.internal;

import dev.tcpunit.server.ConnectionScript;
import dev.tcpunit.server.ScriptedServer;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A server in an extension store: stored before it starts, so that JUnit closes it with its scope
 * whatever happens. Starts once, on first use; {@link #close()} is idempotent.
 */
final class ServerHandle implements AutoCloseable {

  private final Declaration definedBy;
  private @Nullable ScriptedServer server;
  private @Nullable RuntimeException failure;
  private boolean closed;

  ServerHandle(Declaration definedBy) {
    this.definedBy = definedBy;
  }

  /** The declaration that configured the server (or the first one of its name). */
  Declaration definedBy() {
    return definedBy;
  }

  /** The server's name, or empty. */
  String name() {
    return definedBy.name();
  }

  /** The annotation and element that configured the server, for messages. */
  String label() {
    return definedBy.label();
  }

  /** What the server does. */
  ServerSpec spec() {
    return definedBy.spec();
  }

  /**
   * The running server, started on the first call.
   *
   * @throws RuntimeException what prevented the start, on every call after a failed start
   */
  synchronized ScriptedServer server() {
    if (server != null) {
      return server;
    }
    if (failure != null) {
      throw failure;
    }
    if (closed) {
      throw new IllegalStateException(label() + ": the server's scope has already ended");
    }
    try {
      List<ConnectionScript> sequence = spec().sequence(definedBy);
      server = spec().builder().scripts(sequence).start();
      return server;
    } catch (UncheckedIOException e) {
      failure =
          definedBy.fail(
              label()
                  + " requires port "
                  + spec().port()
                  + " to be free but binding it failed: "
                  + e.getCause()
                  + ". Use port = 0 for a free port.",
              e);
      throw failure;
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    }
  }

  /** Whether the server runs (it started and was not closed yet). */
  synchronized boolean isRunning() {
    return server != null && !closed;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      server.close();
    }
  }

  @Override
  public String toString() {
    return label();
  }
}
