package dev.tcpunit.os;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.os.IpLiterals;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * One TCP socket in the kernel's table, as a {@link SocketTable} read it.
 *
 * <p>A listening socket has the wildcard remote address {@code 0.0.0.0:0} (or {@code [::]:0}). An
 * IPv4 address that the kernel shows as IPv4-mapped IPv6 ({@code ::ffff:127.0.0.1}) is reported as
 * plain IPv4, so that a filter on {@code 127.0.0.1} matches both socket families.
 *
 * @param local the local address and port
 * @param remote the remote address and port
 * @param state the TCP state
 * @param pid the owning process, where the platform tells (Linux: this process, and others whose
 *     file descriptors this user may read; Windows: always; macOS: never)
 * @param ownedByThisProcess whether this Java process holds the socket
 * @param inode the socket's inode number on Linux, {@code 0} when no process holds it any more;
 *     empty elsewhere
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TcpSocket(
    InetSocketAddress local,
    InetSocketAddress remote,
    TcpState state,
    OptionalLong pid,
    boolean ownedByThisProcess,
    OptionalLong inode) {

  /** Checks that no component is {@code null}. */
  public TcpSocket {
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(pid, "pid");
    Objects.requireNonNull(inode, "inode");
  }

  /**
   * The local port.
   *
   * @return the port of {@link #local()}
   */
  public int localPort() {
    return local.getPort();
  }

  /**
   * The remote port.
   *
   * @return the port of {@link #remote()}, {@code 0} for a listening socket
   */
  public int remotePort() {
    return remote.getPort();
  }

  /**
   * Tells whether no process holds this socket any more: it was closed, and the kernel keeps it to
   * finish the TCP close ({@link TcpState#TIME_WAIT}, and {@link TcpState#FIN_WAIT_2} or {@link
   * TcpState#LAST_ACK} for a while). Known on Linux (inode 0) and Windows (PID 0).
   *
   * @return {@code true} if the platform shows the socket as held by no process
   */
  public boolean isOrphaned() {
    return (inode.isPresent() && inode.getAsLong() == 0)
        || (pid.isPresent() && pid.getAsLong() == 0);
  }

  /**
   * A one-line description for messages.
   *
   * @return for example {@code 127.0.0.1:50312 -> 127.0.0.1:41000 CLOSE_WAIT pid 4242}
   */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append(IpLiterals.format(local)).append(" -> ").append(IpLiterals.format(remote));
    out.append(' ').append(state);
    pid.ifPresent(p -> out.append(" pid ").append(p));
    if (ownedByThisProcess) {
      out.append(" (this process)");
    } else if (isOrphaned()) {
      out.append(" (orphaned)");
    }
    return out.toString();
  }
}
