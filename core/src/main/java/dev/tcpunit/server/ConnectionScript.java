package dev.tcpunit.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.tcpunit.internal.Checks;
import dev.tcpunit.internal.server.Step;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a scripted server does on one connection: a list of steps run in order. Immutable: every
 * method returns a longer copy, so a script can be shared and extended.
 *
 * <pre>{@code
 * ConnectionScript.create().readRequest().respond(HttpResponse.of(200, "ok")).repeat()
 * ConnectionScript.create().readRequest().reset()
 * }</pre>
 *
 * <h2>Reading</h2>
 *
 * The server reads from the connection all the time, also during {@link #delay}, {@link #hang} and
 * writes, so it notices at once when the client closes or resets. Read steps consume what has
 * arrived. When the client closes (FIN) while a read step waits for more, the server closes too and
 * the connection ends as {@code CLIENT_FIN}.
 *
 * <h2>How a connection ends</h2>
 *
 * The probe records whoever ended the connection first: a client's FIN as {@code CLIENT_FIN} the
 * moment it arrives (the script goes on: it may still write to a half-closed client), a client's
 * RST (or a write the client's closed socket refused) as {@code CLIENT_RESET}, {@link #close} and
 * the end of the script as {@code SERVER_FIN}, {@link #reset} as {@code SERVER_RESET}.
 *
 * <h2>The end of a script</h2>
 *
 * After its last step the server closes the connection gracefully (FIN), unless the last step
 * already ended it ({@link #close}, {@link #reset}), keeps it ({@link #hang}, {@link #echo}) or
 * loops ({@link #repeat}).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ConnectionScript {

  private static final ConnectionScript EMPTY = new ConnectionScript(List.of());

  private final List<Step> steps;

  private ConnectionScript(List<Step> steps) {
    this.steps = steps;
  }

  /**
   * An empty script: the server closes each connection (FIN) as soon as it accepts it.
   *
   * @return the empty script
   */
  public static ConnectionScript create() {
    return EMPTY;
  }

  /**
   * Reads exactly {@code count} bytes.
   *
   * @param count how many bytes, at least 1
   * @return the longer script
   */
  public ConnectionScript readBytes(int count) {
    Checks.requireAtLeast("count", count, 1);
    return then(new Step.ReadBytes(count));
  }

  /**
   * Reads at least one byte: whatever the client sent first.
   *
   * @return the longer script
   */
  public ConnectionScript readAny() {
    return then(new Step.ReadAny());
  }

  /**
   * Reads up to and including the next line feed ({@code \n}).
   *
   * @return the longer script
   */
  public ConnectionScript readLine() {
    return then(new Step.ReadLine());
  }

  /**
   * Reads up to and including a delimiter.
   *
   * @param delimiter the delimiter, UTF-8 encoded; not empty
   * @return the longer script
   */
  public ConnectionScript readUntil(String delimiter) {
    Objects.requireNonNull(delimiter, "delimiter");
    if (delimiter.isEmpty()) {
      throw new IllegalArgumentException("delimiter: \"\" (expected: at least one character)");
    }
    return then(new Step.ReadUntil(delimiter.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Reads one HTTP/1.1 request: its head and its body (by {@code Content-Length} or chunked, whose
   * extensions and trailer fields are read and dropped). The server records it; see {@link
   * ScriptedServer#requests()}. Requests pipelined behind it stay buffered for the next {@code
   * readRequest()}.
   *
   * <p>When the head asks for {@code Expect: 100-continue} and a body follows, the server answers
   * {@code 100 Continue} first, as real servers do. A malformed request (a bad request line or
   * header, a bad or conflicting {@code Content-Length}, a {@code Transfer-Encoding} not ending in
   * {@code chunked}, a head over 64 KiB, a body over 16 MiB) is not recorded: the server answers
   * {@code 400 Bad Request} with the reason as text body and closes (FIN), recorded as {@code
   * SERVER_FIN} with detail {@code "bad request: <reason>"}; the rest of the script is not run.
   *
   * @return the longer script
   */
  public ConnectionScript readRequest() {
    return then(new Step.ReadRequest());
  }

  /**
   * Reads until nothing arrived for {@code idle}, waiting at least {@code idle}; ends early when
   * the client closes its side (FIN), since nothing more can arrive.
   *
   * @param idle how long the client must stay silent; positive, at most 100 years
   * @return the longer script
   */
  public ConnectionScript readUntilIdle(Duration idle) {
    return then(new Step.ReadUntilIdle(Checks.requirePositiveDelay("idle", idle)));
  }

  /**
   * Writes bytes.
   *
   * @param bytes the bytes; may be empty
   * @return the longer script
   */
  public ConnectionScript write(byte[] bytes) {
    return then(new Step.Write(Objects.requireNonNull(bytes, "bytes").clone()));
  }

  /**
   * Writes text in UTF-8.
   *
   * @param text the text
   * @return the longer script
   */
  public ConnectionScript write(String text) {
    return then(
        new Step.Write(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Writes an HTTP response.
   *
   * @param response the response
   * @return the longer script
   */
  public ConnectionScript respond(HttpResponse response) {
    Objects.requireNonNull(response, "response");
    return then(new Step.Respond(response, response.body().length));
  }

  /**
   * Writes an HTTP response's head and only its first body bytes, as a server that dies mid-body.
   * Follow it with {@link #reset()} or {@link #close()}.
   *
   * @param response the response
   * @param bodyBytes how many body bytes to write, from 0 to the body's length
   * @return the longer script
   */
  public ConnectionScript respondTruncated(HttpResponse response, int bodyBytes) {
    Objects.requireNonNull(response, "response").encodeTruncated(bodyBytes);
    return then(new Step.Respond(response, bodyBytes));
  }

  /**
   * Echoes every byte back until the client closes its side, then closes.
   *
   * @return the longer script
   */
  public ConnectionScript echo() {
    return then(new Step.Echo());
  }

  /**
   * Waits before the next step; the server goes on reading meanwhile.
   *
   * @param duration how long; positive, at most 100 years
   * @return the longer script
   */
  public ConnectionScript delay(Duration duration) {
    return then(new Step.Delay(Checks.requirePositiveDelay("duration", duration)));
  }

  /**
   * Does nothing more: the connection stays open, unanswered, until the client closes it or the
   * server is closed. The client sees its read time out.
   *
   * @return the longer script
   */
  public ConnectionScript hang() {
    return then(new Step.Hang());
  }

  /**
   * Shuts down the server's output (FIN) and goes on with the next step; the client can still send.
   * No write, response or echo may follow it.
   *
   * @return the longer script
   */
  public ConnectionScript halfClose() {
    return then(new Step.HalfClose());
  }

  /**
   * Closes the connection gracefully (FIN). Later steps are not run.
   *
   * @return the longer script
   */
  public ConnectionScript close() {
    return then(new Step.Close());
  }

  /**
   * Aborts the connection with RST ({@code SO_LINGER} 0, then close). The client sees "Connection
   * reset". Later steps are not run.
   *
   * @return the longer script
   */
  public ConnectionScript reset() {
    return then(new Step.Reset());
  }

  /**
   * Stops the server listening: later connection attempts are refused until {@link
   * ScriptedServer#resumeListening()}. This connection goes on with the next step.
   *
   * @return the longer script
   */
  public ConnectionScript stopListening() {
    return then(new Step.StopListening());
  }

  /**
   * TLS only: reads the client's first record (its ClientHello) and aborts with RST before sending
   * ServerHello. The client's handshake fails with an {@code SSLException} or a {@code
   * SocketException} ("Connection reset"), depending on the client; the probe records {@code
   * SERVER_RESET} and no handshake. It must be the script's only step; a server without TLS refuses
   * the script.
   *
   * @return the longer script
   */
  public ConnectionScript resetHandshake() {
    return then(new Step.ResetHandshake());
  }

  /**
   * TLS only: reads the client's handshake messages and never answers, so the client's handshake
   * waits until its timeout. The connection stays open until the client closes it or the server is
   * closed. It must be the script's only step; a server without TLS refuses the script.
   *
   * @return the longer script
   */
  public ConnectionScript hangHandshake() {
    return then(new Step.HangHandshake());
  }

  /**
   * Runs the script again from its first step, for as long as the connection lasts (a keep-alive
   * server). Later steps are not run. The script must wait somewhere (a read, a delay or a
   * non-empty write), so that it cannot spin.
   *
   * @return the longer script
   */
  public ConnectionScript repeat() {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException(
          "repeat(): on an empty script (expected: at least one step before it)");
    }
    if (steps.stream().noneMatch(ConnectionScript::waits)) {
      throw new IllegalStateException(
          "repeat() on "
              + this
              + " would spin: it never waits. Add a read, a delay or a non-empty write.");
    }
    if (steps.stream().anyMatch(s -> s instanceof Step.HalfClose)
        && steps.stream().anyMatch(ConnectionScript::writes)) {
      throw new IllegalStateException(
          "repeat() on "
              + this
              + " would write after halfClose() in its second round. Do not repeat it.");
    }
    return then(new Step.Repeat());
  }

  /**
   * The steps, for the engine.
   *
   * @return the steps in order
   */
  @API(status = INTERNAL, since = "0.1")
  public List<Step> steps() {
    return steps;
  }

  private ConnectionScript then(Step step) {
    if (Step.isHandshakeFault(step) && !steps.isEmpty()) {
      throw new IllegalStateException(
          describe(step)
              + " after "
              + describe(steps.get(steps.size() - 1))
              + " would come after the TLS handshake. Make it the first and only step: "
              + "ConnectionScript.create()."
              + describe(step));
    }
    if (!steps.isEmpty() && isTerminal(steps.get(steps.size() - 1))) {
      throw new IllegalStateException(
          "A step after "
              + describe(steps.get(steps.size() - 1))
              + " would never run. End the script there, or put the step before it.");
    }
    if (writes(step) && steps.stream().anyMatch(s -> s instanceof Step.HalfClose)) {
      throw new IllegalStateException(
          describe(step)
              + " after halfClose() could not be sent: the output is shut down. Put it before"
              + " halfClose().");
    }
    List<Step> longer = new ArrayList<>(steps.size() + 1);
    longer.addAll(steps);
    longer.add(step);
    return new ConnectionScript(List.copyOf(longer));
  }

  private static boolean isTerminal(Step step) {
    return step instanceof Step.Close
        || step instanceof Step.Reset
        || step instanceof Step.Repeat
        || step instanceof Step.Hang
        || step instanceof Step.Echo
        || Step.isHandshakeFault(step);
  }

  private static boolean writes(Step step) {
    return step instanceof Step.Write || step instanceof Step.Respond || step instanceof Step.Echo;
  }

  private static boolean waits(Step step) {
    return step instanceof Step.ReadBytes
        || step instanceof Step.ReadAny
        || step instanceof Step.ReadLine
        || step instanceof Step.ReadUntil
        || step instanceof Step.ReadRequest
        || step instanceof Step.ReadUntilIdle
        || step instanceof Step.Delay
        || step instanceof Step.Respond
        || (step instanceof Step.Write write && write.bytes().length > 0);
  }

  private static String describe(Step step) {
    String name = step.getClass().getSimpleName();
    return Character.toLowerCase(name.charAt(0)) + name.substring(1) + "()";
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("ConnectionScript[");
    for (int i = 0; i < steps.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(describe(steps.get(i)));
    }
    return out.append(']').toString();
  }
}
