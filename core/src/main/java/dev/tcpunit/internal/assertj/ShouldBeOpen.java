package dev.tcpunit.internal.assertj;

import dev.tcpunit.probe.ConnectionRecord;
import org.assertj.core.error.ErrorMessageFactory;

/** A connection expected to be open has ended. */
public final class ShouldBeOpen extends TextMessage {

  private ShouldBeOpen(String format, String... texts) {
    super(format, texts);
  }

  /**
   * Creates the message.
   *
   * @param record the connection, ended
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeOpen(ConnectionRecord record, String timeline) {
    return new ShouldBeOpen(
        CONNECTION + "to be open but it ended with:%n  <%s>%nafter:%n  <%s>%s",
        "#" + record.index(),
        Texts.endpoints(record),
        Texts.end(record),
        Texts.ms(record.duration().orElseThrow()),
        Texts.footer(timeline));
  }
}
