package dev.tcpunit.internal.assertj;

import dev.tcpunit.probe.ConnectionRecord;
import dev.tcpunit.probe.Timeline;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** No connection opened after an earlier one ended abnormally. */
public final class ShouldHaveRetried extends TextMessage {

  private static final String EXPECTING =
      "%nExpecting the client to have retried: a connection opening after an earlier one was reset"
          + " or ended abnormally,%n";

  private ShouldHaveRetried(String format, String... texts) {
    super(format, texts);
  }

  /**
   * Creates the message.
   *
   * @param abnormal the connections that ended abnormally; none opened after them
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveRetried(
      List<ConnectionRecord> abnormal, String timeline) {
    if (abnormal.isEmpty()) {
      return new ShouldHaveRetried(
          EXPECTING + "but no connection ended abnormally%s", Texts.footer(timeline));
    }
    List<String> ends =
        abnormal.stream()
            .map(
                r ->
                    r.describe()
                        + ": "
                        + Texts.end(r)
                        + " at "
                        + Timeline.millis(r.endedAt().orElseThrow())
                        + " ms")
            .toList();
    return new ShouldHaveRetried(
        EXPECTING + "but no connection opened after the abnormal end of:%n%s%s",
        Texts.bullets(ends),
        Texts.footer(timeline));
  }
}
