/**
 * The operating system's view of TCP: the kernel's socket table and raw connections.
 *
 * <p>{@link dev.tcpunit.os.SocketTable} lists the kernel's TCP sockets with their {@link
 * dev.tcpunit.os.TcpState} and, where the platform tells, the owning process; it answers what
 * {@code netstat}, {@code ss} or {@code Get-NetTCPConnection} would. {@link dev.tcpunit.os.Tcp}
 * answers what {@code nc -z} would and sends bytes as one would pipe them into {@code nc}.
 *
 * <p>Platforms read: Linux through {@code /proc/net/tcp} and {@code /proc/net/tcp6}; macOS and the
 * BSDs through {@code netstat -an -p tcp}; Windows through {@code netstat -ano}.
 */
@NullMarked
package dev.tcpunit.os;

import org.jspecify.annotations.NullMarked;
