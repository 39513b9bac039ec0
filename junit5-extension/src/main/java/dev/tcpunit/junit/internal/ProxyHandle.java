package dev.tcpunit.junit.internal;

import dev.tcpunit.proxy.FaultProxy;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * The proxy of one {@code @Proxied} declaration in an extension store: stored before anything
 * starts, so that JUnit closes what did start with its scope whatever happens. {@link #close()}
 * closes the proxy, then undoes the rest (a container tcpunit started) in reverse order; it is
 * idempotent. Holds no Testcontainers type, so that scopes without containers never load one.
 */
final class ProxyHandle implements AutoCloseable {

  private final ProxiedDeclaration declaration;
  private final Object container;
  private final Deque<Runnable> cleanups = new ArrayDeque<>();
  private @Nullable FaultProxy proxy;
  private int port = -1;
  private boolean closed;

  ProxyHandle(ProxiedDeclaration declaration, Object container) {
    this.declaration = declaration;
    this.container = container;
  }

  ProxiedDeclaration declaration() {
    return declaration;
  }

  String name() {
    return declaration.name();
  }

  String label() {
    return declaration.label();
  }

  /** The container the declaration fronts (the field's value). */
  Object container() {
    return container;
  }

  /** The container port it fronts, once known; -1 before. */
  synchronized int port() {
    return port;
  }

  synchronized void port(int port) {
    this.port = port;
  }

  /** Registers something to undo when the scope ends (after the proxy is closed). */
  synchronized void onClose(Runnable cleanup) {
    cleanups.push(cleanup);
  }

  synchronized void proxy(FaultProxy proxy) {
    this.proxy = proxy;
  }

  /**
   * The running proxy.
   *
   * @throws IllegalStateException if it did not start
   */
  synchronized FaultProxy proxy() {
    if (proxy == null) {
      throw new IllegalStateException(label() + ": the proxy did not start");
    }
    return proxy;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    if (proxy != null) {
      proxy.close();
    }
    while (!cleanups.isEmpty()) {
      try {
        cleanups.pop().run();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return label();
  }
}
