package dev.tcpunit.os;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import dev.tcpunit.internal.os.Snapshot;
import dev.tcpunit.internal.os.SocketRows;
import dev.tcpunit.internal.os.SocketTableReader;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of the kernel's TCP sockets, with filters and counts.
 *
 * <pre>{@code
 * SocketTable leaks = SocketTable.read().remotePort(server.port()).inState(TcpState.CLOSE_WAIT);
 * int poolSize = SocketTable.read().ofThisProcess().remotePort(5432)
 *     .inState(TcpState.ESTABLISHED).count();
 * }</pre>
 *
 * <p>Every filter returns a new table; {@link #refresh()} reads the kernel again and applies the
 * same filters, which is how {@code SocketTableAssert} waits for a state to come or go.
 *
 * <h2>Platforms</h2>
 *
 * Linux: {@code /proc/net/tcp} and {@code /proc/net/tcp6}, with the owning process of this JVM's
 * sockets (and, with {@link #readWithOtherProcesses()}, of other processes this user may inspect).
 * macOS and the BSDs: {@code netstat -an -p tcp}, without owners. Windows: {@code netstat -ano},
 * with owners; its English state names only. Lines that cannot be parsed are skipped and counted in
 * {@link #skippedLines()}.
 *
 * <h2>Thread-safety</h2>
 *
 * Immutable; reading the kernel again makes a new table.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SocketTable {

  private final List<TcpSocket> sockets;
  private final int skippedLines;
  private final String source;
  private final boolean ownersKnown;
  private final @Nullable Supplier<Snapshot> reader;
  private final Predicate<TcpSocket> filter;

  private SocketTable(SocketTable from, List<TcpSocket> sockets, Predicate<TcpSocket> filter) {
    this.sockets = sockets;
    this.skippedLines = from.skippedLines;
    this.source = from.source;
    this.ownersKnown = from.ownersKnown;
    this.reader = from.reader;
    this.filter = filter;
  }

  private SocketTable(
      Snapshot snapshot, @Nullable Supplier<Snapshot> reader, Predicate<TcpSocket> filter) {
    this.sockets = snapshot.sockets().stream().filter(filter).toList();
    this.skippedLines = snapshot.skippedLines();
    this.source = snapshot.source();
    this.ownersKnown = snapshot.ownersKnown();
    this.reader = reader;
    this.filter = filter;
  }

  /**
   * Reads the kernel's table now, telling which sockets this process holds.
   *
   * @return the snapshot
   * @throws UnsupportedOperationException on a platform with neither Linux's {@code /proc} nor a
   *     working {@code netstat}
   */
  public static SocketTable read() {
    return read(false);
  }

  /**
   * Reads the kernel's table now and, on Linux, also looks for the owners of sockets of other
   * processes (those whose {@code /proc/<pid>/fd} this user may read, within fixed bounds). Slower
   * than {@link #read()}.
   *
   * @return the snapshot
   * @throws UnsupportedOperationException on a platform with neither Linux's {@code /proc} nor a
   *     working {@code netstat}
   */
  public static SocketTable readWithOtherProcesses() {
    return read(true);
  }

  private static SocketTable read(boolean otherProcesses) {
    Supplier<Snapshot> reader = () -> SocketTableReader.system().read(otherProcesses);
    return new SocketTable(reader.get(), reader, s -> true);
  }

  /**
   * A fixed table of given sockets, for tests of code that takes a table; {@link #refresh()}
   * returns it unchanged.
   *
   * @param sockets the sockets
   * @return the table, whose owners count as known
   */
  public static SocketTable of(List<TcpSocket> sockets) {
    requireElements("sockets", Objects.requireNonNull(sockets, "sockets").toArray());
    return new SocketTable(new Snapshot(sockets, 0, "given sockets", true), null, s -> true);
  }

  /**
   * Reads the kernel again and applies this table's filters.
   *
   * @return a new snapshot, or this table if it was not read from the kernel
   */
  public SocketTable refresh() {
    return reader == null ? this : new SocketTable(reader.get(), reader, filter);
  }

  /**
   * The sockets that passed every filter, in the order the platform listed them.
   *
   * @return an unmodifiable list
   */
  public List<TcpSocket> sockets() {
    return sockets;
  }

  /**
   * Keeps the sockets that match a condition.
   *
   * @param condition the condition
   * @return a new table
   */
  public SocketTable filter(Predicate<TcpSocket> condition) {
    Objects.requireNonNull(condition, "condition");
    return new SocketTable(
        this, sockets.stream().filter(condition).toList(), filter.and(condition));
  }

  /**
   * Keeps the sockets whose local port is {@code port}: a server's listening and accepted sockets.
   *
   * @param port the port, 0-65535
   * @return a new table
   */
  public SocketTable localPort(int port) {
    Checks.requirePort("port", port);
    return filter(s -> s.localPort() == port);
  }

  /**
   * Keeps the sockets whose remote port is {@code port}: the client sockets connected to it.
   *
   * @param port the port, 0-65535
   * @return a new table
   */
  public SocketTable remotePort(int port) {
    Checks.requirePort("port", port);
    return filter(s -> s.remotePort() == port);
  }

  /**
   * Keeps the sockets with {@code port} on either side.
   *
   * @param port the port, 0-65535
   * @return a new table
   */
  public SocketTable port(int port) {
    Checks.requirePort("port", port);
    return filter(s -> s.localPort() == port || s.remotePort() == port);
  }

  /**
   * Keeps the sockets in one of some states.
   *
   * @param states the states, at least one
   * @return a new table
   */
  public SocketTable inState(TcpState... states) {
    EnumSet<TcpState> set = states(states);
    return filter(s -> set.contains(s.state()));
  }

  /**
   * Keeps the sockets this Java process holds. Empty where the platform does not tell owners (see
   * {@link #ownersKnown()}).
   *
   * @return a new table
   */
  public SocketTable ofThisProcess() {
    return filter(TcpSocket::ownedByThisProcess);
  }

  /**
   * Keeps the sockets a process holds, where the platform tells.
   *
   * @param pid the process id, at least 1
   * @return a new table
   */
  public SocketTable ofProcess(long pid) {
    Checks.requireAtLeast("pid", pid, 1);
    return filter(s -> s.pid().isPresent() && s.pid().getAsLong() == pid);
  }

  /**
   * How many sockets passed the filters.
   *
   * @return the count
   */
  public int count() {
    return sockets.size();
  }

  /**
   * Tells whether no socket passed the filters.
   *
   * @return {@code true} if the table is empty
   */
  public boolean isEmpty() {
    return sockets.isEmpty();
  }

  /**
   * Counts the sockets by state.
   *
   * @return an unmodifiable map in state order, holding only the states present
   */
  public Map<TcpState, Integer> countByState() {
    Map<TcpState, Integer> counts = new EnumMap<>(TcpState.class);
    sockets.forEach(s -> counts.merge(s.state(), 1, Integer::sum));
    return Collections.unmodifiableMap(counts);
  }

  /**
   * How many lines of the platform's output looked like sockets but could not be parsed.
   *
   * @return the count, usually 0
   */
  public int skippedLines() {
    return skippedLines;
  }

  /**
   * Where the sockets came from.
   *
   * @return for example {@code /proc/net/tcp, /proc/net/tcp6} or {@code netstat -ano}
   */
  public String source() {
    return source;
  }

  /**
   * Tells whether the platform tells which process holds a socket (Linux and Windows do, macOS does
   * not); where it does not, {@link #ofThisProcess()} is always empty.
   *
   * @return {@code true} if owners are known
   */
  public boolean ownersKnown() {
    return ownersKnown;
  }

  /**
   * Renders the table for messages: a summary line, then one line per socket.
   *
   * @return the text, ending with a line separator
   */
  @Override
  public String toString() {
    String skipped = skippedLines == 0 ? "" : ", " + skippedLines + " lines skipped";
    return "TCP sockets ("
        + count()
        + " from "
        + source
        + skipped
        + "):"
        + System.lineSeparator()
        + SocketRows.render(sockets);
  }

  private static void requireElements(String name, Object[] elements) {
    for (int i = 0; i < elements.length; i++) {
      Objects.requireNonNull(elements[i], name + "[" + i + "]");
    }
  }

  private static EnumSet<TcpState> states(TcpState... states) {
    Objects.requireNonNull(states, "states");
    if (states.length == 0) {
      throw new IllegalArgumentException("states: [] (expected: at least one state)");
    }
    requireElements("states", states);
    return EnumSet.copyOf(Arrays.asList(states));
  }
}
