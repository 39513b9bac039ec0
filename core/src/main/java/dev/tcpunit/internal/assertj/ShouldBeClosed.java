package dev.tcpunit.internal.assertj;

import dev.tcpunit.probe.ConnectionRecord;
import java.time.Duration;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** Connections expected to be closed are still open. */
public final class ShouldBeClosed extends TextMessage {

  private ShouldBeClosed(String format, String... texts) {
    super(format, texts);
  }

  /**
   * Creates the message for connections open now.
   *
   * @param open the open connections
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldAllBeClosed(
      List<ConnectionRecord> open, String timeline) {
    return new ShouldBeClosed(
        "%nExpecting every connection to be closed but these are still open:%n%s%s",
        described(open), Texts.footer(timeline));
  }

  /**
   * Creates the message for connections still open at a deadline.
   *
   * @param within how long the assertion waited
   * @param open the connections open at the deadline
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldAllBeClosedWithin(
      Duration within, List<ConnectionRecord> open, String timeline) {
    return new ShouldBeClosed(
        "%nExpecting every connection to be closed within:%n  <%s>%nbut these were still open:%n%s%s",
        Texts.ms(within), described(open), Texts.footer(timeline));
  }

  /**
   * Creates the message for a wait that was interrupted.
   *
   * @param within how long the assertion meant to wait
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldAllBeClosedInterrupted(Duration within, String timeline) {
    return new ShouldBeClosed(
        "%nExpecting every connection to be closed within:%n  <%s>%nbut the waiting thread was interrupted%s",
        Texts.ms(within), Texts.footer(timeline));
  }

  private static String described(List<ConnectionRecord> records) {
    return Texts.bullets(records.stream().map(ConnectionRecord::describe).toList());
  }
}
