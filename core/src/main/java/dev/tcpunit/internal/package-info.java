/** Shared helpers of tcpunit's implementation. Internal: not API, may change without notice. */
@NullMarked
package dev.tcpunit.internal;

import org.jspecify.annotations.NullMarked;
