/**
 * Readers and parsers of the kernel's TCP socket table. Internal: not API, may change without
 * notice.
 */
@NullMarked
package dev.tcpunit.internal.os;

import org.jspecify.annotations.NullMarked;
