/**
 * The Toxiproxy-compatible admin API over tcpunit's in-process proxies: not API, use {@code
 * dev.tcpunit.toxiproxy.EmbeddedToxiproxy} instead. These classes may change in any release.
 */
@NullMarked
package dev.tcpunit.internal.toxiproxy;

import org.jspecify.annotations.NullMarked;
