/**
 * The implementation of tcpunit's JUnit extension. Internal: not API, may change without notice; do
 * not use these classes.
 */
@NullMarked
package dev.tcpunit.junit.internal;

import org.jspecify.annotations.NullMarked;
