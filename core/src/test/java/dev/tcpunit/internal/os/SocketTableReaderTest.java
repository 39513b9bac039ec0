package dev.tcpunit.internal.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.os.TcpSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("SocketTableReader")
class SocketTableReaderTest {

  private static final long THIS_PID = 4242;
  private static final long OTHER_PID = 777;

  private static final CommandRunner NO_NETSTAT =
      (command, timeout) -> {
        throw new IOException("Cannot run program \"netstat\": error=2, No such file or directory");
      };

  @Nested
  @DisplayName("with a /proc")
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "fakes /proc/<pid>/fd with symbolic links")
  class Proc {

    @TempDir Path proc;

    private void fakeProc() throws IOException {
      Files.createDirectories(proc.resolve("net"));
      Files.writeString(proc.resolve("net/tcp"), Fixtures.read("proc-net-tcp.txt"));
      Files.writeString(proc.resolve("net/tcp6"), Fixtures.read("proc-net-tcp6.txt"));
      link(proc.resolve("self/fd"), "0", "anon_inode:[eventfd]");
      link(proc.resolve("self/fd"), "7", "socket:[52341]");
      link(proc.resolve("self/fd"), "8", "socket:[52377]");
      link(proc.resolve("self/fd"), "9", "pipe:[1234]");
      link(proc.resolve(OTHER_PID + "/fd"), "3", "socket:[61234]");
      Files.createDirectories(proc.resolve("not-a-pid"));
    }

    private static void link(Path dir, String name, String target) throws IOException {
      Files.createDirectories(dir);
      Files.createSymbolicLink(dir.resolve(name), Path.of(target));
    }

    private SocketTableReader reader() {
      return new SocketTableReader("Linux", proc, THIS_PID, NO_NETSTAT);
    }

    @Test
    @DisplayName("reads tcp and tcp6 and counts the skipped lines of both")
    void readsBothFiles() throws IOException {
      fakeProc();

      Snapshot snapshot = reader().read(false);

      assertThat(snapshot.sockets()).hasSize(14 + 6);
      assertThat(snapshot.skippedLines()).isEqualTo(4 + 1);
      assertThat(snapshot.source())
          .isEqualTo(proc.resolve("net/tcp") + ", " + proc.resolve("net/tcp6"));
      assertThat(snapshot.ownersKnown()).isTrue();
    }

    @Test
    @DisplayName("marks the sockets whose inodes this process's descriptors link to")
    void ownersOfThisProcess() throws IOException {
      fakeProc();

      List<TcpSocket> owned = owned(reader().read(false));

      assertThat(owned).extracting(s -> s.inode().getAsLong()).containsExactly(52341L, 52377L);
      assertThat(owned).allSatisfy(s -> assertThat(s.pid()).isEqualTo(OptionalLong.of(THIS_PID)));
    }

    @Test
    @DisplayName("finds the owners in other processes only on request")
    void ownersOfOtherProcesses() throws IOException {
      fakeProc();

      assertThat(pidOf(reader().read(false), 61234)).isEmpty();
      assertThat(pidOf(reader().read(true), 61234)).isEqualTo(OptionalLong.of(OTHER_PID));
    }

    @Test
    @DisplayName("reads tcp alone when the kernel has no IPv6")
    void withoutTcp6() throws IOException {
      fakeProc();
      Files.delete(proc.resolve("net/tcp6"));

      Snapshot snapshot = reader().read(false);

      assertThat(snapshot.sockets()).hasSize(14);
      assertThat(snapshot.source()).isEqualTo(proc.resolve("net/tcp").toString());
    }

    private static List<TcpSocket> owned(Snapshot snapshot) {
      List<TcpSocket> owned = new ArrayList<>();
      snapshot.sockets().stream().filter(TcpSocket::ownedByThisProcess).forEach(owned::add);
      return owned;
    }

    private static OptionalLong pidOf(Snapshot snapshot, long inode) {
      return snapshot.sockets().stream()
          .filter(s -> s.inode().orElse(0) == inode)
          .findFirst()
          .orElseThrow()
          .pid();
    }
  }

  @Nested
  @DisplayName("without /proc")
  class WithoutProc {

    @TempDir Path noProc;

    @Test
    @DisplayName("runs netstat -an -p tcp on macOS and parses the BSD layout, without owners")
    void macOs() {
      List<List<String>> commands = new ArrayList<>();
      CommandRunner netstat =
          (command, timeout) -> {
            commands.add(command);
            return Fixtures.read("netstat-macos.txt");
          };

      Snapshot snapshot = new SocketTableReader("Mac OS X", noProc, THIS_PID, netstat).read(true);

      assertThat(commands).containsExactly(List.of("netstat", "-an", "-p", "tcp"));
      assertThat(snapshot.sockets()).hasSize(18);
      assertThat(snapshot.skippedLines()).isEqualTo(4);
      assertThat(snapshot.source()).isEqualTo("netstat -an -p tcp");
      assertThat(snapshot.ownersKnown()).isFalse();
    }

    @Test
    @DisplayName("runs netstat -ano on Windows and parses its layout, with owners")
    void windows() {
      List<List<String>> commands = new ArrayList<>();
      CommandRunner netstat =
          (command, timeout) -> {
            commands.add(command);
            return Fixtures.read("netstat-windows.txt");
          };

      Snapshot snapshot = new SocketTableReader("Windows 11", noProc, 7788, netstat).read(false);

      assertThat(commands).containsExactly(List.of("netstat", "-ano"));
      assertThat(snapshot.sockets()).hasSize(19);
      assertThat(snapshot.sockets().stream().filter(TcpSocket::ownedByThisProcess)).hasSize(7);
      assertThat(snapshot.ownersKnown()).isTrue();
    }

    @Test
    @DisplayName("throws UnsupportedOperationException naming what is missing when netstat fails")
    void neitherProcNorNetstat() {
      SocketTableReader reader = new SocketTableReader("Plan 9", noProc, THIS_PID, NO_NETSTAT);

      assertThatThrownBy(() -> reader.read(false))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessage(
              "Cannot read the TCP socket table on Plan 9: "
                  + noProc.resolve("net").resolve("tcp")
                  + " is not readable and 'netstat -an -p tcp' failed (Cannot run program"
                  + " \"netstat\": error=2, No such file or directory). SocketTable needs Linux's"
                  + " /proc or a netstat command.")
          .hasCauseInstanceOf(IOException.class);
    }
  }
}
