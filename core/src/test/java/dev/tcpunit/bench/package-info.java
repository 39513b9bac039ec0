/** Small measurement harnesses run by hand with {@code java}; not unit tests. */
@NullMarked
package dev.tcpunit.bench;

import org.jspecify.annotations.NullMarked;
