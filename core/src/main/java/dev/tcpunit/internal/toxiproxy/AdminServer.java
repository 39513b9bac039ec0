package dev.tcpunit.internal.toxiproxy;

import com.sun.net.httpserver.HttpServer;
import dev.tcpunit.probe.ConnectionProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Toxiproxy-compatible admin API on the JDK's HTTP server, over in-process proxies. Requests
 * run on a few daemon threads; the proxies' state is changed under one lock.
 */
public final class AdminServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final ProxyRegistry registry;

  private AdminServer(HttpServer server, ExecutorService executor, ProxyRegistry registry) {
    this.server = server;
    this.executor = executor;
    this.registry = registry;
  }

  /**
   * Binds and starts the server.
   *
   * @param address where the admin API listens
   * @param backend opens the proxies
   * @param allowNonLoopback whether proxies may listen on addresses other than loopback ones
   * @param seed the seed the proxies' random decisions derive from
   * @return the running server
   * @throws UncheckedIOException if it cannot listen there
   */
  public static AdminServer start(
      InetSocketAddress address, ProxyBackend backend, boolean allowNonLoopback, long seed) {
    ProxyRegistry registry = new ProxyRegistry(backend, allowNonLoopback, seed);
    HttpServer server;
    try {
      server = HttpServer.create(address, 50);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + Addresses.format(address), e);
    }
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            4,
            4,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread =
                  new Thread(task, "tcpunit-toxiproxy-api-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
    server.setExecutor(executor);
    server.createContext("/", new AdminHandler(registry));
    server.start();
    return new AdminServer(server, executor, registry);
  }

  /**
   * The address the admin API listens on.
   *
   * @return the bound address and port
   */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * The host of the admin API as it goes into a URL.
   *
   * @return for example {@code 127.0.0.1} or {@code [::1]}
   */
  public String host() {
    String address = Addresses.format(address());
    return address.substring(0, address.lastIndexOf(':'));
  }

  /**
   * Creates or replaces proxies as {@code POST /populate} does, for a configuration file.
   *
   * @param json a JSON array of proxies
   * @return how many proxies the request named
   * @throws ApiException as {@code POST /populate} answers
   */
  public int populate(byte[] json) {
    return registry.populate(json).size();
  }

  /**
   * The probe of a proxy.
   *
   * @param name the proxy's name
   * @return the probe of its in-process proxy; empty if there is no such proxy or it never listened
   */
  public Optional<ConnectionProbe> probe(String name) {
    return registry.probe(name);
  }

  /** Stops the admin API and closes every proxy. Idempotent. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    registry.close();
  }
}
