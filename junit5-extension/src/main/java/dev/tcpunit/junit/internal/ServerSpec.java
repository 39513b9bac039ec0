package dev.tcpunit.junit.internal;

import dev.tcpunit.junit.TcpServer;
import dev.tcpunit.server.ConnectFault;
import dev.tcpunit.server.ConnectionScript;
import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.Scripts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code @TcpServer} declaration asks its server to do, checked. Two declarations with equal
 * specs ask for the same server.
 *
 * @param port the port, 0 for a free one
 * @param reply the canned reply, or empty
 * @param httpStatus the HTTP status, or 0
 * @param httpBody the HTTP body
 * @param resetFirst how many first connections to reset
 * @param closeFirst how many first connections to close
 * @param hang whether to hang
 * @param script the script supplier's class, or {@link TcpServer.NoScript}
 * @param acceptDelayMs how long each connection waits to be accepted, in milliseconds
 * @param connectFault the connect-level fault the server starts with, or {@code null}
 */
record ServerSpec(
    int port,
    String reply,
    int httpStatus,
    String httpBody,
    int resetFirst,
    int closeFirst,
    boolean hang,
    Class<? extends Supplier<ConnectionScript>> script,
    long acceptDelayMs,
    @Nullable ConnectFault connectFault) {

  private static final int MAX_FIRST = 10_000;

  /** The spec of a declaration without attributes: an echo server on a free port. */
  static final ServerSpec ECHO =
      new ServerSpec(0, "", 0, "", 0, 0, false, TcpServer.NoScript.class, 0, null);

  static ServerSpec of(
      TcpServer annotation, Function<String, RuntimeException> fail, String element) {
    String on = "@TcpServer on " + element + " requires ";
    int port = annotation.port();
    if (port < 0 || port > 65535) {
      throw fail.apply(
          on
              + "port to be 0-65535 but it is "
              + port
              + ". Use 0 for a free port, or a valid port.");
    }
    int status = annotation.httpStatus();
    if (status != 0 && (status < 100 || status > 999)) {
      throw fail.apply(
          on
              + "httpStatus to be 100-999 but it is "
              + status
              + ". Use a valid HTTP status code, or leave httpStatus out.");
    }
    if (status == 0 && !annotation.httpBody().isEmpty()) {
      throw fail.apply(
          on
              + "httpStatus with httpBody but httpStatus is not set."
              + " Add httpStatus, for example httpStatus = 200.");
    }
    List<String> behaviours = new ArrayList<>();
    if (!annotation.reply().isEmpty()) {
      behaviours.add("reply");
    }
    if (status != 0) {
      behaviours.add("httpStatus");
    }
    if (annotation.hang()) {
      behaviours.add("hang");
    }
    if (annotation.script() != TcpServer.NoScript.class) {
      behaviours.add("script");
    }
    if (behaviours.size() > 1) {
      throw fail.apply(
          on
              + "at most one of reply, httpStatus, hang and script but "
              + Messages.join(behaviours, "and")
              + " are set. Keep one of them.");
    }
    checkFirst(on, "resetFirst", annotation.resetFirst(), fail);
    checkFirst(on, "closeFirst", annotation.closeFirst(), fail);
    if (annotation.resetFirst() > 0 && annotation.closeFirst() > 0) {
      throw fail.apply(
          on
              + "at most one of resetFirst and closeFirst but both are set (resetFirst = "
              + annotation.resetFirst()
              + ", closeFirst = "
              + annotation.closeFirst()
              + "). Keep one of them.");
    }
    long acceptDelayMs = annotation.acceptDelayMs();
    if (acceptDelayMs < 0) {
      throw fail.apply(
          on
              + "acceptDelayMs to be 0 or more but it is "
              + acceptDelayMs
              + ". Use the delay in milliseconds, or leave acceptDelayMs out.");
    }
    if (annotation.refuse() && annotation.dropSyns()) {
      throw fail.apply(
          on
              + "at most one of refuse and dropSyns but both are set."
              + " Keep refuse for \"Connection refused\", dropSyns for connect timeouts.");
    }
    ConnectFault connectFault =
        annotation.refuse()
            ? ConnectFault.REFUSE
            : annotation.dropSyns() ? ConnectFault.TIMEOUT : null;
    return new ServerSpec(
        port,
        annotation.reply(),
        status,
        annotation.httpBody(),
        annotation.resetFirst(),
        annotation.closeFirst(),
        annotation.hang(),
        annotation.script(),
        acceptDelayMs,
        connectFault);
  }

  /** A builder of the server this spec describes, without its scripts. */
  ScriptedServer.Builder builder() {
    ScriptedServer.Builder builder =
        ScriptedServer.builder().port(port).acceptDelay(Duration.ofMillis(acceptDelayMs));
    return connectFault == null ? builder : builder.connectFault(connectFault);
  }

  private static void checkFirst(
      String on, String attribute, int value, Function<String, RuntimeException> fail) {
    if (value < 0 || value > MAX_FIRST) {
      throw fail.apply(
          on
              + attribute
              + " to be 0-"
              + MAX_FIRST
              + " but it is "
              + value
              + ". Use the number of first connections to fail, or leave "
              + attribute
              + " out.");
    }
  }

  /** Whether the declaration set any attribute besides the name. */
  boolean isDefinition() {
    return !equals(ECHO);
  }

  /**
   * The script sequence: the failing first connections, then the behaviour.
   *
   * @param declaration the declaration, for errors of the script class
   */
  List<ConnectionScript> sequence(Declaration declaration) {
    ConnectionScript behaviour = behaviour(declaration);
    int first = Math.max(resetFirst, closeFirst);
    if (first == 0) {
      return List.of(behaviour);
    }
    ConnectionScript read =
        httpStatus != 0
            ? ConnectionScript.create().readRequest()
            : ConnectionScript.create().readAny();
    ConnectionScript failing = resetFirst > 0 ? read.reset() : read.close();
    return Scripts.firstThen(first, failing, behaviour);
  }

  private ConnectionScript behaviour(Declaration declaration) {
    if (!reply.isEmpty()) {
      return ConnectionScript.create().readAny().write(reply).repeat();
    }
    if (httpStatus != 0) {
      return Scripts.http(httpStatus, httpBody);
    }
    if (hang) {
      return Scripts.hang();
    }
    if (script != TcpServer.NoScript.class) {
      return ScriptClasses.supply(script, declaration);
    }
    return Scripts.echo();
  }
}
