package dev.tcpunit.junit.internal;

import dev.tcpunit.junit.TcpServer;
import dev.tcpunit.server.ConnectFault;
import dev.tcpunit.server.ConnectionScript;
import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.Scripts;
import dev.tcpunit.server.TlsIdentity;
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
 * @param tls whether the server serves TLS
 * @param resetHandshakeFirst how many first connections have their TLS handshake reset
 * @param hangHandshake whether to hang in the TLS handshake
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
    @Nullable ConnectFault connectFault,
    boolean tls,
    int resetHandshakeFirst,
    boolean hangHandshake) {

  private static final int MAX_FIRST = 10_000;

  /** The spec of a declaration without attributes: an echo server on a free port. */
  static final ServerSpec ECHO =
      new ServerSpec(0, "", 0, "", 0, 0, false, TcpServer.NoScript.class, 0, null, false, 0, false);

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
    if (annotation.hangHandshake() && !behaviours.isEmpty()) {
      throw fail.apply(
          on
              + "hangHandshake without reply, httpStatus, hang or script (the handshake never"
              + " completes, so they would never run) but "
              + Messages.join(behaviours, "and")
              + (behaviours.size() == 1 ? " is" : " are")
              + " set. Keep one of them.");
    }
    checkTls(on, annotation, fail);
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
        connectFault,
        annotation.tls(),
        annotation.resetHandshakeFirst(),
        annotation.hangHandshake());
  }

  private static void checkTls(
      String on, TcpServer annotation, Function<String, RuntimeException> fail) {
    int resetHandshakeFirst = annotation.resetHandshakeFirst();
    checkFirst(on, "resetHandshakeFirst", resetHandshakeFirst, fail);
    if (resetHandshakeFirst > 0 && (annotation.resetFirst() > 0 || annotation.closeFirst() > 0)) {
      String other = annotation.resetFirst() > 0 ? "resetFirst" : "closeFirst";
      throw fail.apply(
          on
              + "at most one of resetHandshakeFirst and "
              + other
              + " but both are set. Keep one of them.");
    }
    if (!annotation.tls()) {
      String attribute =
          resetHandshakeFirst > 0
              ? "resetHandshakeFirst"
              : annotation.hangHandshake() ? "hangHandshake" : null;
      if (attribute != null) {
        throw fail.apply(
            on
                + "tls = true with "
                + attribute
                + " but tls is not set. Add tls = true, or leave "
                + attribute
                + " out.");
      }
      return;
    }
    try {
      TlsIdentity.generated();
    } catch (IllegalStateException e) {
      throw fail.apply(
          on
              + "BouncyCastle (org.bouncycastle:bcpkix-jdk18on) on the class path for tls = true"
              + " but it is missing. Add org.bouncycastle:bcpkix-jdk18on as a test dependency.");
    }
  }

  /** A builder of the server this spec describes, without its scripts. */
  ScriptedServer.Builder builder() {
    ScriptedServer.Builder builder =
        ScriptedServer.builder().port(port).acceptDelay(Duration.ofMillis(acceptDelayMs));
    if (tls) {
      builder = builder.tls();
    }
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
    if (resetHandshakeFirst > 0) {
      return Scripts.firstThen(resetHandshakeFirst, Scripts.resetHandshake(), behaviour);
    }
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
    if (hangHandshake) {
      return Scripts.hangHandshake();
    }
    return Scripts.echo();
  }
}
