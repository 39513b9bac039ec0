/**
 * An in-process fault proxy: put it between a client and a real service and add {@link
 * dev.tcpunit.proxy.Toxic}s (latency, bandwidth caps, timeouts, resets, slicing, data limits, black
 * holes, refused or delayed connects, corrupted bytes) that apply to the connections it relays.
 *
 * <p>Start with {@link dev.tcpunit.proxy.FaultProxy} and {@link dev.tcpunit.proxy.Toxic}; the
 * toxics mirror Toxiproxy's, with the same attribute names and units.
 */
@NullMarked
package dev.tcpunit.proxy;

import org.jspecify.annotations.NullMarked;
