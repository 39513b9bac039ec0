package dev.tcpunit.internal.assertj;

import dev.tcpunit.probe.ConnectionRecord;
import java.time.Duration;
import org.assertj.core.error.ErrorMessageFactory;

/** A connection lasted too long or too short, or has not ended yet. */
public final class ShouldHaveLasted extends TextMessage {

  private ShouldHaveLasted(String format, String... texts) {
    super(format, texts);
  }

  /**
   * Creates the message.
   *
   * @param record the connection
   * @param comparison {@code at most} or {@code at least}
   * @param expected the bound
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveLasted(
      ConnectionRecord record, String comparison, Duration expected, String timeline) {
    String footer = Texts.footer(timeline);
    if (record.isOpen()) {
      return new ShouldHaveLasted(
          CONNECTION + "to have lasted %s:%n  <%s>%nbut it is still open%s",
          "#" + record.index(),
          Texts.endpoints(record),
          comparison,
          Texts.ms(expected),
          footer);
    }
    return new ShouldHaveLasted(
        CONNECTION + "to have lasted %s:%n  <%s>%nbut it lasted:%n  <%s>%s",
        "#" + record.index(),
        Texts.endpoints(record),
        comparison,
        Texts.ms(expected),
        Texts.ms(record.duration().orElseThrow()),
        footer);
  }
}
