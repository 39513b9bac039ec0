/** Measurement harnesses run by hand with {@code java}, and what they share with tests. */
@NullMarked
package dev.tcpunit.junit.bench;

import org.jspecify.annotations.NullMarked;
