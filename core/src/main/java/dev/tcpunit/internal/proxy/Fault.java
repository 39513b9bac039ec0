package dev.tcpunit.internal.proxy;

import dev.tcpunit.probe.ConnectionEnd;

/**
 * Why a toxic ends a connection: the end recorded in the probe and its detail.
 *
 * @param end how the probe records the end
 * @param detail the toxic's name or what happened
 */
record Fault(ConnectionEnd end, String detail) {}
