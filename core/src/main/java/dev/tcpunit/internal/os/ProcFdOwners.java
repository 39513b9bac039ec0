package dev.tcpunit.internal.os;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds which process holds a socket inode by reading the {@code socket:[inode]} links in {@code
 * /proc/<pid>/fd}.
 *
 * <p>This process's own descriptors are always read. Other processes are read only on request, only
 * where this user may read them, and within fixed bounds (processes and links visited), so that a
 * machine with many processes costs a bounded time.
 */
final class ProcFdOwners {

  /** At most this many other processes are visited. */
  static final int MAX_PROCESSES = 2048;

  /** At most this many descriptor links are read in other processes. */
  static final int MAX_LINKS = 50_000;

  private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d{1,18})]");
  private static final Pattern PID = Pattern.compile("\\d{1,10}");

  private final Path procRoot;
  private final long thisPid;

  ProcFdOwners(Path procRoot, long thisPid) {
    this.procRoot = procRoot;
    this.thisPid = thisPid;
  }

  /**
   * The socket inodes this process holds.
   *
   * @return the inodes found in {@code /proc/self/fd}, each mapped to this process's id
   */
  Map<Long, Long> ofThisProcess() {
    Map<Long, Long> owners = new HashMap<>();
    scan(procRoot.resolve("self").resolve("fd"), thisPid, owners, Integer.MAX_VALUE);
    return owners;
  }

  /**
   * Looks for the owners of some inodes in other processes.
   *
   * @param wanted the inodes to look for; the scan stops early once all are found
   * @param owners where found inodes are added, mapped to their process's id
   */
  void ofOtherProcesses(Set<Long> wanted, Map<Long, Long> owners) {
    int processes = 0;
    int budget = MAX_LINKS;
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(procRoot)) {
      for (Path dir : pids) {
        String name = dir.getFileName().toString();
        if (!PID.matcher(name).matches() || Long.parseLong(name) == thisPid) {
          continue;
        }
        if (++processes > MAX_PROCESSES || budget <= 0 || owners.keySet().containsAll(wanted)) {
          return;
        }
        budget -= scan(dir.resolve("fd"), Long.parseLong(name), owners, budget);
      }
    } catch (IOException | DirectoryIteratorException | SecurityException e) {
      // The process list changes while it is read; what was found so far stands.
    }
  }

  /** Reads the links of one fd directory; returns how many entries were visited. */
  private static int scan(Path fdDir, long pid, Map<Long, Long> owners, int budget) {
    int visited = 0;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
      for (Path fd : fds) {
        if (visited++ >= budget) {
          break;
        }
        try {
          Matcher m = SOCKET_LINK.matcher(Files.readSymbolicLink(fd).toString());
          if (m.matches()) {
            owners.putIfAbsent(Long.parseLong(m.group(1)), pid);
          }
        } catch (IOException | DirectoryIteratorException | SecurityException e) {
          // The descriptor was closed meanwhile, or is not a link: not a socket we can tell.
        }
      }
    } catch (IOException | DirectoryIteratorException | SecurityException e) {
      // Another user's process, or one that has exited: its sockets stay without owner.
    }
    return visited;
  }
}
