/**
 * AssertJ assertions over what a probe saw: connections, how they ended, retries and back-off.
 *
 * <p>Start with {@link
 * dev.tcpunit.assertj.TcpAssertions#assertThat(dev.tcpunit.probe.ConnectionProbe)}; collect several
 * failures at once with {@link dev.tcpunit.assertj.TcpSoftAssertions}. Every failure message ends
 * with the probe's timeline.
 */
@NullMarked
package dev.tcpunit.assertj;

import org.jspecify.annotations.NullMarked;
