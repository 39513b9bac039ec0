package dev.tcpunit.internal.assertj;

import dev.tcpunit.probe.ConnectionRecord;
import java.time.Duration;
import org.assertj.core.error.ErrorMessageFactory;

/** A connection opened later than expected after the probe's start. */
public final class ShouldHaveOpenedWithin extends TextMessage {

  private ShouldHaveOpenedWithin(String format, String... texts) {
    super(format, texts);
  }

  /**
   * Creates the message.
   *
   * @param record the connection
   * @param within the expected bound from the probe's start
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveOpenedWithin(
      ConnectionRecord record, Duration within, String timeline) {
    return new ShouldHaveOpenedWithin(
        CONNECTION
            + "to have opened within:%n  <%s>%nof the probe's start but it opened at:%n  <%s>%s",
        "#" + record.index(),
        Texts.endpoints(record),
        Texts.ms(within),
        Texts.ms(record.opened()),
        Texts.footer(timeline));
  }
}
