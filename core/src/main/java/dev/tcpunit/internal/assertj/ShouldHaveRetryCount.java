package dev.tcpunit.internal.assertj;

import dev.tcpunit.probe.Retries;
import org.assertj.core.error.ErrorMessageFactory;

/** A client retried another number of times than expected. */
public final class ShouldHaveRetryCount extends TextMessage {

  private ShouldHaveRetryCount(String format, String... texts) {
    super(format, texts);
  }

  /**
   * Creates the message.
   *
   * @param comparison {@code exactly}, {@code at least} or {@code at most}
   * @param expected the expected number of retries
   * @param retries the retries measured
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveRetryCount(
      String comparison, int expected, Retries retries, String timeline) {
    return new ShouldHaveRetryCount(
        "%nExpecting the client to have retried %s:%n  <%s>%nbut it retried:%n  <%s>%n"
            + "measured delays (ms):%n  <%s>%s",
        comparison,
        Texts.count(expected, "time"),
        Texts.count(retries.count(), "time"),
        Texts.msList(retries.delays()),
        Texts.footer(timeline));
  }
}
