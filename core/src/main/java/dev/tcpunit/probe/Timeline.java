package dev.tcpunit.probe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.os.IpLiterals;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Renders connection records as a table, one line per connection, for failure messages and logs.
 *
 * <pre>
 *  #  client            server             open(ms)  duration(ms)  in(B)  out(B)  end
 *  1  127.0.0.1:50312   127.0.0.1:41000       0.412        12.031     78       0  SERVER_RESET
 *  2  127.0.0.1:50314   127.0.0.1:41000     113.205             -     78      19  OPEN
 * </pre>
 *
 * "in" counts bytes from the client, "out" bytes to the client. When a connection of the table used
 * TLS, a column {@code tls(ms)} after {@code open(ms)} tells how long after the open its handshake
 * completed ({@code -} if it did not).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Timeline {

  private static final String ROW = "%3s  %-22s  %-22s  %10s  %12s  %8s  %8s  %s%n";
  private static final String TLS_ROW = "%3s  %-22s  %-22s  %10s  %8s  %12s  %8s  %8s  %s%n";

  private Timeline() {}

  /**
   * Renders records as a table.
   *
   * @param records the connections, in accept order
   * @param seed the seed of the random faults involved, printed so that a run can be replayed
   * @return the table, or a single line saying there were no connections
   */
  public static String render(List<ConnectionRecord> records, OptionalLong seed) {
    StringBuilder out = new StringBuilder();
    out.append("Connections (").append(records.size()).append(')');
    seed.ifPresent(s -> out.append(", random seed ").append(s));
    out.append(':').append(System.lineSeparator());
    if (records.isEmpty()) {
      return out.append("  (none)").append(System.lineSeparator()).toString();
    }
    boolean tls = records.stream().anyMatch(r -> r.handshakeCompleted() != null);
    out.append(
        tls
            ? String.format(
                Locale.ROOT,
                TLS_ROW,
                "#",
                "client",
                "server",
                "open(ms)",
                "tls(ms)",
                "duration(ms)",
                "in(B)",
                "out(B)",
                "end")
            : String.format(
                Locale.ROOT,
                ROW,
                "#",
                "client",
                "server",
                "open(ms)",
                "duration(ms)",
                "in(B)",
                "out(B)",
                "end"));
    for (ConnectionRecord r : records) {
      String end = r.end().name() + (r.detail() == null ? "" : " (" + r.detail() + ")");
      String duration = millis(r.duration().orElse(null));
      out.append(
          tls
              ? String.format(
                  Locale.ROOT,
                  TLS_ROW,
                  r.index(),
                  format(r.client()),
                  format(r.server()),
                  millis(r.opened()),
                  millis(r.handshakeCompletedAt().map(h -> h.minus(r.opened())).orElse(null)),
                  duration,
                  r.bytesFromClient(),
                  r.bytesToClient(),
                  end)
              : String.format(
                  Locale.ROOT,
                  ROW,
                  r.index(),
                  format(r.client()),
                  format(r.server()),
                  millis(r.opened()),
                  duration,
                  r.bytesFromClient(),
                  r.bytesToClient(),
                  end));
    }
    return out.toString();
  }

  /**
   * Renders records as a table, without a seed.
   *
   * @param records the connections, in accept order
   * @return the table
   */
  public static String render(List<ConnectionRecord> records) {
    return render(records, OptionalLong.empty());
  }

  /**
   * Formats a socket address as {@code host:port}, IPv6 hosts in brackets and in their shortest
   * form, never resolving names.
   *
   * @param address the address
   * @return for example {@code 127.0.0.1:8080} or {@code [::1]:8080}
   */
  public static String format(InetSocketAddress address) {
    return IpLiterals.format(address);
  }

  /**
   * Formats a duration in milliseconds with three decimals.
   *
   * @param duration the duration, or {@code null} for "not yet"
   * @return for example {@code 12.031}, or {@code -} for {@code null}
   */
  public static String millis(@Nullable Duration duration) {
    return duration == null
        ? "-"
        : String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1_000_000.0);
  }
}
