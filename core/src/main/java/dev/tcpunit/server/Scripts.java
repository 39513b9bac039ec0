package dev.tcpunit.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The common connection scripts.
 *
 * <pre>{@code
 * ScriptedServer.start(Scripts.firstThen(1, Scripts.resetAfterRequest(), Scripts.http(200, "ok")))
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Scripts {

  private Scripts() {}

  /**
   * Echoes every byte back until the client closes.
   *
   * @return the script
   */
  public static ConnectionScript echo() {
    return ConnectionScript.create().echo();
  }

  /**
   * Answers every HTTP request on the connection with the same response (keep-alive).
   *
   * @param status the status code
   * @param body the body text
   * @return the script
   */
  public static ConnectionScript http(int status, String body) {
    return http(HttpResponse.of(status, body));
  }

  /**
   * Answers every HTTP request on the connection with the same response (keep-alive).
   *
   * @param response the response
   * @return the script
   */
  public static ConnectionScript http(HttpResponse response) {
    return ConnectionScript.create().readRequest().respond(response).repeat();
  }

  /**
   * Resets (RST) each connection as soon as it is accepted, before reading anything.
   *
   * @return the script
   */
  public static ConnectionScript resetOnAccept() {
    return ConnectionScript.create().reset();
  }

  /**
   * Reads one HTTP request, then resets (RST) without answering.
   *
   * @return the script
   */
  public static ConnectionScript resetAfterRequest() {
    return ConnectionScript.create().readRequest().reset();
  }

  /**
   * Reads one HTTP request, then closes (FIN) without answering.
   *
   * @return the script
   */
  public static ConnectionScript closeAfterRequest() {
    return ConnectionScript.create().readRequest().close();
  }

  /**
   * Accepts and never answers, until the client gives up.
   *
   * @return the script
   */
  public static ConnectionScript hang() {
    return ConnectionScript.create().hang();
  }

  /**
   * A sequence: the first {@code n} connections run {@code first}, every later one runs {@code
   * rest}.
   *
   * @param n how many connections run {@code first}, at least 1
   * @param first the script of the first connections
   * @param rest the script of every later connection
   * @return the sequence, for {@link ScriptedServer#start(List)}
   */
  public static List<ConnectionScript> firstThen(
      int n, ConnectionScript first, ConnectionScript rest) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(rest, "rest");
    Checks.requireAtLeast("n", n, 1);
    if (n > 10_000) {
      throw new IllegalArgumentException("n: " + n + " (expected: 1-10000)");
    }
    List<ConnectionScript> sequence = new ArrayList<>(Collections.nCopies(n, first));
    sequence.add(rest);
    return List.copyOf(sequence);
  }

  /**
   * TLS: resets each connection after reading its ClientHello, before the server's hello; see
   * {@link ConnectionScript#resetHandshake()}.
   *
   * @return the script
   */
  public static ConnectionScript resetHandshake() {
    return ConnectionScript.create().resetHandshake();
  }

  /**
   * TLS: never answers the client's handshake; see {@link ConnectionScript#hangHandshake()}.
   *
   * @return the script
   */
  public static ConnectionScript hangHandshake() {
    return ConnectionScript.create().hangHandshake();
  }
}
