package dev.tcpunit.junit.internal;

import dev.tcpunit.junit.ExpectReset;
import dev.tcpunit.probe.ConnectionRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The failure messages of {@code @ExpectReset}, in AssertJ's layout: what was expected, what
 * happened, then the timeline of every server checked.
 */
final class ResetMessages {

  private static final String NL = System.lineSeparator();

  private final String annotation;
  private final String method;
  private final List<ServerHandle> servers;
  private final Duration timeout;
  private final int atLeast;
  private final int atMost;

  ResetMessages(ExpectReset expect, String method, List<ServerHandle> servers, Duration timeout) {
    this.annotation = describe(expect);
    this.method = method;
    this.servers = servers;
    this.timeout = timeout;
    this.atLeast = expect.atLeast();
    this.atMost = expect.atMost();
  }

  static String describe(ExpectReset expect) {
    List<String> attributes = new ArrayList<>();
    if (expect.atLeast() != 1) {
      attributes.add("atLeast = " + expect.atLeast());
    }
    if (expect.atMost() != Integer.MAX_VALUE) {
      attributes.add("atMost = " + expect.atMost());
    }
    if (!expect.server().isEmpty()) {
      attributes.add("server = \"" + expect.server() + "\"");
    }
    if (expect.recovered()) {
      attributes.add("recovered = true");
    }
    return "@ExpectReset" + (attributes.isEmpty() ? "" : "(" + String.join(", ", attributes) + ")");
  }

  String notSurfaced(int resets) {
    String what =
        resets == 0
            ? "and no connection was reset within " + millis(timeout)
            : "although " + Messages.count(resets, "connection") + " " + was(resets) + " reset";
    String hint =
        resets == 0
            ? ""
            : "Use @ExpectReset(recovered = true) if the client is meant to recover from the reset."
                + NL;
    return NL
        + "Expecting "
        + method
        + NL
        + "  to throw a connection reset, as "
        + annotation
        + " requires,"
        + NL
        + "but it completed normally "
        + what
        + "."
        + NL
        + hint
        + timelines();
  }

  String tooFew(int resets) {
    return NL
        + "Expecting at least "
        + Messages.count(atLeast, "connection")
        + " in scope of "
        + annotation
        + " on "
        + method
        + NL
        + "  to have been reset"
        + NL
        + "but "
        + resets
        + " "
        + was(resets)
        + " within "
        + millis(timeout)
        + "."
        + NL
        + timelines();
  }

  String tooMany(int resets) {
    return NL
        + "Expecting at most "
        + Messages.count(atMost, "connection")
        + " in scope of "
        + annotation
        + " on "
        + method
        + NL
        + "  to have been reset"
        + NL
        + "but "
        + resets
        + " "
        + was(resets)
        + "."
        + NL
        + timelines();
  }

  String threwReset(Throwable thrown) {
    return NL
        + "Expecting "
        + method
        + NL
        + "  to complete normally, as "
        + annotation
        + " requires,"
        + NL
        + "but it threw "
        + thrown
        + NL
        + timelines();
  }

  String noRetry(ServerHandle server, ConnectionRecord reset) {
    return NL
        + "Expecting a new connection to "
        + server.label()
        + NL
        + "  after the reset of connection #"
        + reset.index()
        + ", as "
        + annotation
        + " requires,"
        + NL
        + "but none opened within "
        + millis(timeout)
        + ": the client did not retry."
        + NL
        + timelines();
  }

  private String timelines() {
    StringBuilder out = new StringBuilder();
    for (ServerHandle server : servers) {
      out.append(server.label()).append(':').append(NL).append(server.server().probe().timeline());
    }
    return out.toString();
  }

  private static String was(int n) {
    return n == 1 ? "was" : "were";
  }

  private static String millis(Duration duration) {
    return duration.toMillis() + " ms";
  }
}
