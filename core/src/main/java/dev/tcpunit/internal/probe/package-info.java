/** The recording side of the connection probe. Internal: not API, may change without notice. */
@NullMarked
package dev.tcpunit.internal.probe;

import org.jspecify.annotations.NullMarked;
