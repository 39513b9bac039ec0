package dev.tcpunit.internal.assertj;

import dev.tcpunit.probe.ConnectionRecord;
import org.assertj.core.error.ErrorMessageFactory;

/** A connection moved another number of bytes than expected. */
public final class ShouldHaveTransferred extends TextMessage {

  private ShouldHaveTransferred(String format, String... texts) {
    super(format, texts);
  }

  /**
   * Creates the message about bytes received from the client.
   *
   * @param record the connection
   * @param expected the expected byte count
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveReceived(
      ConnectionRecord record, long expected, String timeline) {
    return message(
        record,
        "received from the client",
        "received",
        expected,
        record.bytesFromClient(),
        timeline);
  }

  /**
   * Creates the message about bytes sent to the client.
   *
   * @param record the connection
   * @param expected the expected byte count
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveSent(
      ConnectionRecord record, long expected, String timeline) {
    return message(
        record, "sent to the client", "sent", expected, record.bytesToClient(), timeline);
  }

  private static ErrorMessageFactory message(
      ConnectionRecord record,
      String what,
      String verb,
      long expected,
      long actual,
      String timeline) {
    return new ShouldHaveTransferred(
        CONNECTION + "to have %s:%n  <%s>%nbut it %s:%n  <%s>%s",
        "#" + record.index(),
        Texts.endpoints(record),
        what,
        Texts.count(expected, "byte"),
        verb,
        Texts.count(actual, "byte"),
        Texts.footer(timeline));
  }
}
