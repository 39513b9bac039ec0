/**
 * Records every TCP connection a scripted server or fault proxy sees: endpoints, instants, bytes
 * each way and how the connection ended.
 *
 * <p>Start with {@link dev.tcpunit.probe.ConnectionProbe}; render what it saw with {@link
 * dev.tcpunit.probe.Timeline}.
 */
@NullMarked
package dev.tcpunit.probe;

import org.jspecify.annotations.NullMarked;
