/**
 * The in-process fault proxy's relay and toxic stages. Internal: not API, may change without
 * notice.
 */
@NullMarked
package dev.tcpunit.internal.proxy;

import org.jspecify.annotations.NullMarked;
