/**
 * Toxiproxy compatibility, both ways.
 *
 * <ul>
 *   <li>{@link dev.tcpunit.toxiproxy.EmbeddedToxiproxy}: a server that speaks Toxiproxy's HTTP API
 *       over tcpunit's in-process proxies, so toxiproxy-java (or any Toxiproxy client) runs with no
 *       Docker and no Go binary; {@link dev.tcpunit.toxiproxy.ToxiproxyServerMain} runs it
 *       standalone, with {@code toxiproxy-server}'s flags.
 *   <li>{@link dev.tcpunit.toxiproxy.ToxiproxyProxy}: a {@link dev.tcpunit.proxy.FaultProxy} that
 *       drives a real Toxiproxy server (a binary or a container) and still records every connection
 *       in its probe.
 * </ul>
 */
@NullMarked
package dev.tcpunit.toxiproxy;

import org.jspecify.annotations.NullMarked;
