/**
 * Reliability under load and faults: a test that runs in every build, and the harness behind it
 * that runs the full load by hand.
 */
@NullMarked
package dev.tcpunit.reliability;

import org.jspecify.annotations.NullMarked;
