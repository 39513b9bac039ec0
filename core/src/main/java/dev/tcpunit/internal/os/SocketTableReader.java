package dev.tcpunit.internal.os;

import dev.tcpunit.internal.os.NetstatParser.Dialect;
import dev.tcpunit.os.TcpSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the kernel's TCP socket table the way the platform allows: Linux's {@code /proc/net/tcp}
 * and {@code /proc/net/tcp6} where readable, {@code netstat} otherwise.
 */
public final class SocketTableReader {

  private static final Duration NETSTAT_TIMEOUT = Duration.ofSeconds(30);

  private final String osName;
  private final Path procRoot;
  private final long thisPid;
  private final CommandRunner runner;

  SocketTableReader(String osName, Path procRoot, long thisPid, CommandRunner runner) {
    this.osName = osName;
    this.procRoot = procRoot;
    this.thisPid = thisPid;
    this.runner = runner;
  }

  /**
   * The reader of this machine's table.
   *
   * @return a reader for the running platform
   */
  public static SocketTableReader system() {
    return new SocketTableReader(
        System.getProperty("os.name", "unknown"),
        Path.of("/proc"),
        ProcessHandle.current().pid(),
        CommandRunner.processes());
  }

  /**
   * Reads the table once.
   *
   * @param otherProcesses whether to look for the owners of sockets this process does not hold
   *     (Linux only, bounded; netstat on Windows always tells)
   * @return the sockets
   * @throws UnsupportedOperationException if the platform has neither {@code /proc/net/tcp} nor a
   *     working {@code netstat}
   * @throws UncheckedIOException if {@code /proc/net/tcp} exists but reading it failed
   */
  public Snapshot read(boolean otherProcesses) {
    Path tcp = procRoot.resolve("net").resolve("tcp");
    if (Files.isReadable(tcp)) {
      return readProc(tcp, otherProcesses);
    }
    return readNetstat(tcp);
  }

  private Snapshot readProc(Path tcp, boolean otherProcesses) {
    ProcNetTcpParser parser = new ProcNetTcpParser(ByteOrder.nativeOrder());
    Path tcp6 = procRoot.resolve("net").resolve("tcp6");
    List<TcpSocket> sockets = new ArrayList<>();
    int skipped = 0;
    String source = tcp.toString();
    for (Path file : Files.isReadable(tcp6) ? List.of(tcp, tcp6) : List.of(tcp)) {
      Parsed parsed = parser.parse(readProcFile(file));
      sockets.addAll(parsed.sockets());
      skipped += parsed.skippedLines();
    }
    if (Files.isReadable(tcp6)) {
      source += ", " + tcp6;
    }
    ProcFdOwners fds = new ProcFdOwners(procRoot, thisPid);
    Map<Long, Long> owners = fds.ofThisProcess();
    if (otherProcesses) {
      Set<Long> wanted = new HashSet<>();
      for (TcpSocket s : sockets) {
        long inode = s.inode().orElse(0);
        if (inode != 0 && !owners.containsKey(inode)) {
          wanted.add(inode);
        }
      }
      if (!wanted.isEmpty()) {
        fds.ofOtherProcesses(wanted, owners);
      }
    }
    List<TcpSocket> owned = new ArrayList<>(sockets.size());
    for (TcpSocket s : sockets) {
      Long pid = owners.get(s.inode().orElse(0));
      owned.add(
          pid == null
              ? s
              : new TcpSocket(
                  s.local(),
                  s.remote(),
                  s.state(),
                  OptionalLong.of(pid),
                  pid == thisPid,
                  s.inode()));
    }
    return new Snapshot(owned, skipped, source, true);
  }

  private static String readProcFile(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private Snapshot readNetstat(Path tcp) {
    boolean windows = osName.startsWith("Windows");
    List<String> command =
        windows ? List.of("netstat", "-ano") : List.of("netstat", "-an", "-p", "tcp");
    String output;
    try {
      output = runner.run(command, NETSTAT_TIMEOUT);
    } catch (IOException e) {
      throw new UnsupportedOperationException(
          "Cannot read the TCP socket table on "
              + osName
              + ": "
              + tcp
              + " is not readable and '"
              + String.join(" ", command)
              + "' failed ("
              + e.getMessage()
              + "). SocketTable needs Linux's /proc or a netstat command.",
          e);
    }
    NetstatParser parser = new NetstatParser(windows ? Dialect.WINDOWS : Dialect.BSD, thisPid);
    Parsed parsed = parser.parse(output);
    return new Snapshot(
        parsed.sockets(), parsed.skippedLines(), String.join(" ", command), windows);
  }
}
