/**
 * tcpunit for JUnit Jupiter: {@link dev.tcpunit.junit.TcpServer @TcpServer} starts an in-process
 * scripted server per declaration and injects it, its port, address, URI or probe; {@link
 * dev.tcpunit.junit.ExpectReset @ExpectReset} proves a test's client met a connection reset. Both
 * register {@link dev.tcpunit.junit.TcpUnitExtension} themselves: nothing else is needed.
 *
 * <p>{@link dev.tcpunit.junit.EnabledIfReachable @EnabledIfReachable} and {@link
 * dev.tcpunit.junit.DisabledIfReachable @DisabledIfReachable} run or skip a test by whether a TCP
 * port accepts a connection.
 *
 * <p>{@link dev.tcpunit.junit.ToxiproxyServer @ToxiproxyServer} starts an embedded
 * Toxiproxy-compatible server and injects toxiproxy-java's {@code ToxiproxyClient} of it, or the
 * {@link dev.tcpunit.toxiproxy.EmbeddedToxiproxy} itself.
 */
@NullMarked
package dev.tcpunit.junit;

import org.jspecify.annotations.NullMarked;
