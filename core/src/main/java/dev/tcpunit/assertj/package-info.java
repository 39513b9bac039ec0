/**
 * AssertJ assertions over what a probe saw: connections, how they ended, retries and back-off.
 *
 * <p>Start with {@link
 * dev.tcpunit.assertj.TcpAssertions#assertThat(dev.tcpunit.probe.ConnectionProbe)}; collect several
 * failures at once with {@link dev.tcpunit.assertj.TcpSoftAssertions}. Every failure message ends
 * with the probe's timeline.
 *
 * <p>{@link dev.tcpunit.assertj.SocketTableAssert} asserts on the kernel's TCP sockets: leaks in
 * CLOSE_WAIT, pool sizes, listeners, and states that come and go.
 */
@NullMarked
package dev.tcpunit.assertj;

import org.jspecify.annotations.NullMarked;
