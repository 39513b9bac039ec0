package dev.tcpunit.internal.assertj;

import org.assertj.core.error.ErrorMessageFactory;

/** A probe recorded another number of connections (of some kind) than expected. */
public final class ShouldHaveRecorded extends TextMessage {

  private ShouldHaveRecorded(String format, String... texts) {
    super(format, texts);
  }

  /**
   * Creates the message about a count.
   *
   * @param comparison {@code exactly}, {@code at least} or {@code at most}
   * @param expected the expected count with its noun, for example {@code 3 connections}
   * @param actual the actual count with its noun
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveRecorded(
      String comparison, String expected, String actual, String timeline) {
    return new ShouldHaveRecorded(
        "%nExpecting the probe to have recorded %s:%n  <%s>%nbut it recorded:%n  <%s>%s",
        comparison, expected, actual, Texts.footer(timeline));
  }

  /**
   * Creates the message about things that should not have been recorded at all.
   *
   * @param what the things in the plural, for example {@code connections}
   * @param found what was found instead, one {@code <…>} line each (see {@link Texts#bullets})
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveRecordedNo(
      String what, String found, String timeline) {
    return new ShouldHaveRecorded(
        "%nExpecting the probe to have recorded no %s but it recorded:%n%s%s",
        what, found, Texts.footer(timeline));
  }

  /**
   * Creates the message about a connection that is not there.
   *
   * @param which the connection, for example {@code connection #3}
   * @param count how many connections the probe recorded
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveRecordedConnection(
      String which, int count, String timeline) {
    return new ShouldHaveRecorded(
        "%nExpecting the probe to have recorded:%n  <%s>%nbut it recorded:%n  <%s>%s",
        which, Texts.count(count, "connection"), Texts.footer(timeline));
  }
}
