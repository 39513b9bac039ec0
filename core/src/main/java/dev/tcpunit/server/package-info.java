/**
 * In-process TCP servers that misbehave on purpose: {@link dev.tcpunit.server.ScriptedServer} runs
 * a {@link dev.tcpunit.server.ConnectionScript} per connection; {@link dev.tcpunit.server.Scripts}
 * has the common ones.
 */
@NullMarked
package dev.tcpunit.server;

import org.jspecify.annotations.NullMarked;
