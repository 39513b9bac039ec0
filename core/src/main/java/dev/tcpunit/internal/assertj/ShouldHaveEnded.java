package dev.tcpunit.internal.assertj;

import dev.tcpunit.probe.ConnectionRecord;
import org.assertj.core.error.ErrorMessageFactory;

/** A connection did not end the expected way, or has not ended at all. */
public final class ShouldHaveEnded extends TextMessage {

  private ShouldHaveEnded(String format, String... texts) {
    super(format, texts);
  }

  /**
   * Creates the message.
   *
   * @param record the connection
   * @param expectation what was expected, after "to", for example {@code have been reset}
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveEnded(
      ConnectionRecord record, String expectation, String timeline) {
    String footer = Texts.footer(timeline);
    String index = "#" + record.index();
    if (record.isOpen()) {
      return new ShouldHaveEnded(
          CONNECTION + "to %s but it is still open%s",
          index,
          Texts.endpoints(record),
          expectation,
          footer);
    }
    return new ShouldHaveEnded(
        CONNECTION + "to %s but it ended with:%n  <%s>%s",
        index,
        Texts.endpoints(record),
        expectation,
        Texts.end(record),
        footer);
  }
}
