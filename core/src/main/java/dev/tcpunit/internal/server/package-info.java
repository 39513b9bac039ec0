/**
 * The scripted server's steps and their execution. Internal: not API, may change without notice.
 */
@NullMarked
package dev.tcpunit.internal.server;

import org.jspecify.annotations.NullMarked;
