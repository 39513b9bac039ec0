/**
 * Toxiproxy compatibility, both ways.
 *
 * <ul>
 *   <li>{@link dev.tcpunit.toxiproxy.EmbeddedToxiproxy}: a server that speaks Toxiproxy 2.x's HTTP
 *       API over tcpunit's in-process proxies, so toxiproxy-java (or any Toxiproxy client) runs
 *       with no Docker and no Go binary; {@link dev.tcpunit.toxiproxy.ToxiproxyServerMain} runs it
 *       standalone with {@code toxiproxy-server}'s flags ({@code java -jar
 *       tcpunit-core-VERSION-toxiproxy-server.jar -host 127.0.0.1 -port 8474}).
 *   <li>{@link dev.tcpunit.toxiproxy.ToxiproxyProxy}: a {@link dev.tcpunit.proxy.FaultProxy} that
 *       drives a real Toxiproxy server (a binary or a container) and still records every connection
 *       in its probe.
 * </ul>
 *
 * <h2>The embedded server's API</h2>
 *
 * Paths, methods, JSON fields and status codes are Toxiproxy's: {@code GET/POST /proxies}, {@code
 * GET/POST/PATCH/DELETE /proxies/{proxy}}, {@code GET/POST /proxies/{proxy}/toxics}, {@code
 * GET/POST/PATCH/DELETE /proxies/{proxy}/toxics/{toxic}}, {@code POST /populate}, {@code POST
 * /reset}, {@code GET /version}. Errors are {@code {"error":"...","status":N}} with Toxiproxy's
 * messages ({@code proxy not found}, {@code proxy already exists}, {@code toxic not found}, {@code
 * toxic already exists}, {@code invalid toxic type}, {@code stream was invalid, can be either
 * upstream or downstream}, {@code missing required field: name}, {@code bad request body: ...}, and
 * Go's {@code listen tcp ...: bind: address already in use}).
 *
 * <h2>Deliberate differences from Toxiproxy</h2>
 *
 * <ul>
 *   <li>Proxies listen on loopback addresses only, unless the server allows others: a listen
 *       address elsewhere is answered {@code 403 listen address not allowed}; an empty one means a
 *       free loopback port (Toxiproxy: every interface).
 *   <li>An upstream that is not {@code host:port} is refused with 400 when the proxy starts
 *       (Toxiproxy accepts it and fails every connection).
 *   <li>Toxic values that Toxiproxy cannot run are refused with 400 (a slicer's {@code
 *       average_size} below 1, a negative {@code size_variation}); a {@code size_variation} not
 *       below {@code average_size} is capped. Other values keep Toxiproxy's meaning and are
 *       reported back as given: negative times are 0, a bandwidth {@code rate} of 0 or less is no
 *       limit, a toxicity is drawn against 0-1.
 *   <li>A bad request changes nothing: Toxiproxy's decoder can half-apply a toxic update before it
 *       fails; a proxy update that cannot listen restores the previous addresses and state; {@code
 *       /populate} applies all of its proxies or none, refuses a name twice in one request, and
 *       writes {@code "proxies":[]} rather than {@code null} for none; {@code /reset} resets the
 *       other proxies when one cannot listen again, then answers the first error.
 *   <li>Updating a toxic changes it in place on every open connection, as Toxiproxy does, with
 *       seeded toxicity: each connection's draw is the same number compared with the new toxicity
 *       (Toxiproxy draws again), and data a latency toxic holds is re-timed by the new latency
 *       (Toxiproxy lets the chunk in hand go at once). A {@code limit_data} count goes on and a
 *       running timer restarts from the update, as in Toxiproxy.
 *   <li>Error texts after {@code bad request body: } follow Go's forms ({@code EOF}, {@code
 *       unexpected EOF}, {@code invalid character 'x' looking for beginning of value}, {@code json:
 *       cannot unmarshal string into Go struct field Proxy.enabled of type bool}) without matching
 *       every wording of Go's decoder. Bodies over 1 MiB are refused with 400.
 *   <li>No {@code /metrics} and no TLS proxies; {@code /version} answers {@code 2.12.0}.
 *   <li>tcpunit's proxy semantics: a reset is always a real RST, a half-close is relayed as such,
 *       and random decisions are seeded ({@code -seed}, each proxy's seed derived from it and the
 *       proxy's name).
 * </ul>
 */
@NullMarked
package dev.tcpunit.toxiproxy;

import org.jspecify.annotations.NullMarked;
