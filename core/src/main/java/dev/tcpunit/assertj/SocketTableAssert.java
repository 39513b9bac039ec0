package dev.tcpunit.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import dev.tcpunit.internal.os.Deadline;
import dev.tcpunit.internal.os.SocketRows;
import dev.tcpunit.os.SocketTable;
import dev.tcpunit.os.TcpSocket;
import dev.tcpunit.os.TcpState;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on the kernel's TCP sockets, as a {@link SocketTable} read them.
 *
 * <pre>{@code
 * SocketTableAssert.assertThatSockets()
 *     .eventually(Duration.ofSeconds(2))
 *     .hasNoSocketInState(server.port(), TcpState.CLOSE_WAIT, TcpState.ESTABLISHED);
 * SocketTableAssert.assertThatSockets().hasEstablishedConnections(5432, 10);
 * }</pre>
 *
 * <h2>Scope</h2>
 *
 * The socket assertions look at the sockets of this process, on a port on either side, where the
 * platform tells owners (Linux, Windows). A socket that no process holds any more (TIME_WAIT, or
 * closed before the peer acknowledged) counts as this process's: its owner cannot be told, and a
 * socket of another process rarely uses the test's port. Where the platform does not tell owners
 * (macOS), and after {@link #ofAnyProcess()}, every socket counts. {@link #hasListener(int)} looks
 * at every process.
 *
 * <h2>Waiting</h2>
 *
 * TIME_WAIT and CLOSE_WAIT come and go with the peer's packets. After {@link
 * #eventually(Duration)}, each assertion reads the kernel's table again (every {@value
 * #POLL_MILLIS} ms) until it holds or the timeout passes; the failure then shows the last table
 * read.
 *
 * <h2>Thread-safety</h2>
 *
 * Not thread-safe, like every AssertJ assertion object: use one per thread.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SocketTableAssert extends AbstractAssert<SocketTableAssert, SocketTable> {

  /** How often a waiting assertion reads the kernel's table again. */
  static final long POLL_MILLIS = 10;

  private static final String NL = System.lineSeparator();

  private @Nullable Duration within;
  private boolean anyProcess;

  /**
   * Assertions on a table.
   *
   * @param actual the table; waiting assertions read it again with {@link SocketTable#refresh()}
   */
  public SocketTableAssert(@Nullable SocketTable actual) {
    super(actual, SocketTableAssert.class);
  }

  /**
   * Assertions on the kernel's table read now.
   *
   * @return the assertion object
   * @throws UnsupportedOperationException on a platform where the table cannot be read
   */
  public static SocketTableAssert assertThatSockets() {
    return new SocketTableAssert(SocketTable.read());
  }

  /**
   * Makes the following assertions wait until they hold, reading the table again until the timeout
   * passes.
   *
   * <pre>{@code
   * client.close();
   * assertThatSockets().eventually(Duration.ofSeconds(5)).hasNoSocketInState(port, CLOSE_WAIT);
   * }</pre>
   *
   * @param timeout how long each following assertion may wait; positive
   * @return this assertion object
   */
  public SocketTableAssert eventually(Duration timeout) {
    within = Checks.requirePositive("timeout", timeout);
    return myself;
  }

  /**
   * Makes the following assertions look at the sockets of every process, not only this one's.
   *
   * @return this assertion object
   */
  public SocketTableAssert ofAnyProcess() {
    anyProcess = true;
    return myself;
  }

  /**
   * Verifies that no socket in scope (see the class description) has {@code port} on either side
   * and is in one of {@code states}.
   *
   * <pre>{@code
   * // passes once the client closed its connections to the server
   * assertThatSockets().hasNoSocketInState(server.port(), CLOSE_WAIT, ESTABLISHED);
   * // fails while a client socket still waits to be closed after the server's FIN:
   * //   Expecting sockets of this process on port 41000
   * //   not to be in CLOSE_WAIT
   * //   but found 1:
   * //     local                     remote                    state         owner
   * //     127.0.0.1:50312           127.0.0.1:41000           CLOSE_WAIT    pid 4242 (this process)
   * }</pre>
   *
   * @param port the port, 0-65535
   * @param states the states that must not occur, at least one
   * @return this assertion object
   */
  public SocketTableAssert hasNoSocketInState(int port, TcpState... states) {
    String names = names(states);
    return check(
        port,
        t -> t.port(port),
        t -> t.inState(states).isEmpty(),
        "not to be in " + names,
        t ->
            "found "
                + t.inState(states).count()
                + ":"
                + NL
                + SocketRows.render(t.inState(states).sockets()));
  }

  /**
   * Verifies that a socket in scope (see the class description) has {@code port} on either side and
   * is in one of {@code states}.
   *
   * <pre>{@code
   * // passes while the server has not closed a connection its client closed
   * assertThatSockets().eventually(ofSeconds(5)).hasSocketInState(server.port(), CLOSE_WAIT);
   * // fails when every socket on the port is in another state:
   * //   Expecting sockets of this process on port 41000
   * //   to include one in CLOSE_WAIT
   * //   but found none among 1:
   * //     ...   LISTEN ...
   * }</pre>
   *
   * @param port the port, 0-65535
   * @param states the states of which one must occur, at least one
   * @return this assertion object
   */
  public SocketTableAssert hasSocketInState(int port, TcpState... states) {
    String names = names(states);
    return check(
        port,
        t -> t.port(port),
        t -> !t.inState(states).isEmpty(),
        "to include one in " + names,
        t -> "found none among " + t.count() + ":" + NL + SocketRows.render(t.sockets()));
  }

  /**
   * Verifies that exactly {@code n} client sockets in scope are connected to remote port {@code
   * port} and ESTABLISHED: the size of a connection pool.
   *
   * <pre>{@code
   * // passes when the pool holds exactly 4 connections to the database
   * assertThatSockets().hasEstablishedConnections(5432, 4);
   * // fails otherwise:
   * //   Expecting ESTABLISHED connections of this process to port 5432
   * //   to be 4
   * //   but found 3 among these sockets to that port:
   * //     ...
   * }</pre>
   *
   * @param port the remote port, 0-65535
   * @param n the expected count, zero or more
   * @return this assertion object
   */
  public SocketTableAssert hasEstablishedConnections(int port, int n) {
    Checks.requireAtLeast("n", n, 0);
    Checks.requirePort("port", port);
    Function<SocketTable, SocketTable> established = t -> t.inState(TcpState.ESTABLISHED);
    return check(
        "ESTABLISHED connections " + scope() + " to port " + port,
        t -> scoped(t).remotePort(port),
        t -> established.apply(t).count() == n,
        "to be " + n,
        t ->
            "found "
                + established.apply(t).count()
                + " among these sockets to that port:"
                + NL
                + SocketRows.render(t.sockets()));
  }

  /**
   * Verifies that a socket of any process listens on {@code port}.
   *
   * <pre>{@code
   * // passes while a server listens on 6379
   * assertThatSockets().hasListener(6379);
   * // fails otherwise:
   * //   Expecting sockets of any process on port 6379
   * //   to include a listener
   * //   but found none among 0:
   * //     (none)
   * }</pre>
   *
   * @param port the local port, 0-65535
   * @return this assertion object
   */
  public SocketTableAssert hasListener(int port) {
    Checks.requirePort("port", port);
    return check(
        "sockets of any process on port " + port,
        t -> t.localPort(port),
        t -> !t.inState(TcpState.LISTEN).isEmpty(),
        "to include a listener",
        t -> "found none among " + t.count() + ":" + NL + SocketRows.render(t.sockets()));
  }

  /**
   * Verifies that no socket of any process listens on {@code port}.
   *
   * <pre>{@code
   * // passes once the server stopped listening
   * assertThatSockets().eventually(ofSeconds(1)).hasNoListener(server.port());
   * }</pre>
   *
   * @param port the local port, 0-65535
   * @return this assertion object
   */
  public SocketTableAssert hasNoListener(int port) {
    Checks.requirePort("port", port);
    return check(
        "sockets of any process on port " + port,
        t -> t.localPort(port),
        t -> t.inState(TcpState.LISTEN).isEmpty(),
        "not to include a listener",
        t -> "found:" + NL + SocketRows.render(t.inState(TcpState.LISTEN).sockets()));
  }

  /**
   * Waits until a socket in scope has {@code port} on either side and is in {@code state}; short
   * for {@code eventually(timeout).hasSocketInState(port, state)}, without changing how the
   * following assertions wait.
   *
   * @param port the port, 0-65535
   * @param state the state to wait for
   * @param timeout how long to wait at the most; positive
   * @return this assertion object
   */
  public SocketTableAssert awaitSocketInState(int port, TcpState state, Duration timeout) {
    return waiting(timeout, () -> hasSocketInState(port, state));
  }

  /**
   * Waits until no socket in scope has {@code port} on either side and is in {@code state}; short
   * for {@code eventually(timeout).hasNoSocketInState(port, state)}, without changing how the
   * following assertions wait.
   *
   * @param port the port, 0-65535
   * @param state the state to wait to be gone
   * @param timeout how long to wait at the most; positive
   * @return this assertion object
   */
  public SocketTableAssert awaitNoSocketInState(int port, TcpState state, Duration timeout) {
    return waiting(timeout, () -> hasNoSocketInState(port, state));
  }

  private SocketTableAssert waiting(Duration timeout, Runnable assertion) {
    Checks.requirePositive("timeout", timeout);
    Duration before = within;
    within = timeout;
    try {
      assertion.run();
    } finally {
      within = before;
    }
    return myself;
  }

  private SocketTableAssert check(
      int port,
      Function<SocketTable, SocketTable> select,
      Predicate<SocketTable> holds,
      String to,
      Function<SocketTable, String> but) {
    Checks.requirePort("port", port);
    return check(
        "sockets " + scope() + " on port " + port, t -> select.apply(scoped(t)), holds, to, but);
  }

  private SocketTableAssert check(
      String expecting,
      Function<SocketTable, SocketTable> select,
      Predicate<SocketTable> holds,
      String to,
      Function<SocketTable, String> but) {
    isNotNull();
    SocketTable table = actual;
    SocketTable selected = select.apply(table);
    int reads = 1;
    boolean holding = holds.test(selected);
    Duration timeout = within;
    if (timeout != null) {
      Deadline deadline = Deadline.after(timeout);
      while (!holding && !deadline.isPast() && !Thread.currentThread().isInterrupted()) {
        LockSupport.parkNanos(Math.min(POLL_MILLIS * 1_000_000, deadline.remainingNanos()));
        SocketTable fresh = table.refresh();
        if (fresh == table) {
          break;
        }
        table = fresh;
        selected = select.apply(table);
        reads++;
        holding = holds.test(selected);
      }
    }
    if (!holding) {
      String waited =
          timeout == null
              ? ""
              : " within "
                  + timeout.toMillis()
                  + " ms ("
                  + reads
                  + (reads == 1 ? " read)" : " reads)");
      failWithMessage(
          "%s",
          NL + "Expecting " + expecting + NL + to + waited + NL + "but " + but.apply(selected));
    }
    return myself;
  }

  private SocketTable scoped(SocketTable table) {
    if (anyProcess || !table.ownersKnown()) {
      return table;
    }
    return table.filter(SocketTableAssert::ofThisProcessOrNone);
  }

  private static boolean ofThisProcessOrNone(TcpSocket socket) {
    return socket.ownedByThisProcess() || socket.isOrphaned();
  }

  private String scope() {
    if (anyProcess) {
      return "of any process";
    }
    return actual != null && !actual.ownersKnown()
        ? "of any process (this platform does not tell owners)"
        : "of this process";
  }

  private static String names(TcpState... states) {
    Objects.requireNonNull(states, "states");
    if (states.length == 0) {
      throw new IllegalArgumentException("states: [] (expected: at least one state)");
    }
    for (int i = 0; i < states.length; i++) {
      Objects.requireNonNull(states[i], "states[" + i + "]");
    }
    return states.length == 1 ? states[0].name() : Arrays.toString(states);
  }
}
