package dev.tcpunit.internal.assertj;

import dev.tcpunit.probe.ConnectionRecord;
import dev.tcpunit.probe.Retries.Retry;
import dev.tcpunit.probe.Timeline;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Formats values for failure messages: durations in ms, counts with nouns, lists of records. */
public final class Texts {

  /** The platform's line separator, as {@code %n} produces it. */
  public static final String NL = System.lineSeparator();

  private Texts() {}

  /**
   * Formats a duration in milliseconds, at most three decimals, no trailing zeros.
   *
   * @param duration the duration
   * @return for example {@code 100 ms} or {@code 12.031 ms}
   */
  public static String ms(Duration duration) {
    return number(duration.toNanos() / 1_000_000.0) + " ms";
  }

  /**
   * Formats durations in milliseconds as a list, without the unit.
   *
   * @param durations the durations
   * @return for example {@code [100, 200.5]}
   */
  public static String msList(List<Duration> durations) {
    return durations.stream()
        .map(d -> number(d.toNanos() / 1_000_000.0))
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /**
   * Formats a number with at most three decimals and no trailing zeros.
   *
   * @param value a finite number
   * @return for example {@code 2}, {@code 1.25} or {@code 0.333}
   */
  public static String number(double value) {
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
    return rounded.signum() == 0 ? "0" : rounded.stripTrailingZeros().toPlainString();
  }

  /**
   * Formats a fraction as a percentage.
   *
   * @param fraction for example {@code 0.5}
   * @return for example {@code 50%}
   */
  public static String percent(double fraction) {
    return number(fraction * 100) + "%";
  }

  /**
   * Formats a count with a noun, in the plural unless the count is 1.
   *
   * @param count the count
   * @param noun the noun in the singular, for example {@code connection}
   * @return for example {@code 1 connection} or {@code 3 connections}
   */
  public static String count(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  /**
   * The text that ends every failure message: a blank line and the timeline, if there is one.
   *
   * @param timeline the rendered timeline, or empty for none
   * @return the footer, or empty
   */
  public static String footer(String timeline) {
    return timeline.isEmpty() ? "" : NL + NL + timeline;
  }

  /**
   * Describes how a connection ended, with the detail when there is one.
   *
   * @param record the connection
   * @return for example {@code SERVER_RESET} or {@code PROXY_FAULT (reset_peer)}
   */
  public static String end(ConnectionRecord record) {
    return record.end().name() + (record.detail() == null ? "" : " (" + record.detail() + ")");
  }

  /**
   * Describes the endpoints of a connection.
   *
   * @param record the connection
   * @return for example {@code 127.0.0.1:50312 -> 127.0.0.1:41000}
   */
  public static String endpoints(ConnectionRecord record) {
    return Timeline.format(record.client()) + " -> " + Timeline.format(record.server());
  }

  /**
   * Describes a retry.
   *
   * @param number the retry's number, from 1
   * @param retry the retry
   * @return for example {@code retry #2 (connection #3 after #2 SERVER_RESET): 200 ms}
   */
  public static String retry(int number, Retry retry) {
    return "retry #"
        + number
        + " (connection #"
        + retry.connection().index()
        + " after #"
        + retry.failed().index()
        + " "
        + end(retry.failed())
        + "): "
        + ms(retry.delay());
  }

  /**
   * Lists items one per line, each indented and in angle brackets.
   *
   * @param items the items
   * @return for example {@code " <a>\n <b>"}
   */
  public static String bullets(List<String> items) {
    return items.stream().map(item -> "  <" + item + ">").collect(Collectors.joining(NL));
  }

  /**
   * Indents every line of a text.
   *
   * @param text the text
   * @param spaces how many spaces to put before each line
   * @return the indented text; blank lines stay empty
   */
  public static String indent(String text, int spaces) {
    String pad = " ".repeat(spaces);
    return text.lines()
        .map(line -> line.isEmpty() ? line : pad + line)
        .collect(Collectors.joining(NL));
  }
}
