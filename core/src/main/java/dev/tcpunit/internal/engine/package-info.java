/**
 * The non-blocking network engine: one {@link dev.tcpunit.internal.engine.EventLoop} thread per
 * server or proxy runs channel readiness handlers, timers and tasks. Internal: not API, may change
 * without notice.
 */
@NullMarked
package dev.tcpunit.internal.engine;

import org.jspecify.annotations.NullMarked;
