package dev.tcpunit.internal.assertj;

import dev.tcpunit.probe.Retries;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** Retry delays out of the expected bounds, or no retry to measure. */
public final class ShouldHaveRetryDelays extends TextMessage {

  private static final String DELAYS = "%nmeasured delays (ms):%n  <%s>%s";

  private ShouldHaveRetryDelays(String format, String... texts) {
    super(format, texts);
  }

  /**
   * Creates the message for delays out of bounds.
   *
   * @param comparison {@code at least}, {@code at most} or {@code between}
   * @param bounds the bounds, for example {@code 100 ms} or {@code 100 ms and 200 ms}
   * @param offenders the retries out of bounds (see {@link Texts#retry})
   * @param retries every retry measured
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveDelays(
      String comparison, String bounds, List<String> offenders, Retries retries, String timeline) {
    return new ShouldHaveRetryDelays(
        "%nExpecting every retry delay to be %s:%n  <%s>%nbut these were not:%n%s" + DELAYS,
        comparison,
        bounds,
        Texts.bullets(offenders),
        Texts.msList(retries.delays()),
        Texts.footer(timeline));
  }

  /**
   * Creates the message for a first retry that came too late.
   *
   * @param within the expected bound
   * @param first the first retry (see {@link Texts#retry})
   * @param retries every retry measured
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveFirstRetryWithin(
      String within, String first, Retries retries, String timeline) {
    return new ShouldHaveRetryDelays(
        "%nExpecting the first retry to have opened within:%n  <%s>%n"
            + "of the failed connection's end but it was:%n  <%s>"
            + DELAYS,
        within,
        first,
        Texts.msList(retries.delays()),
        Texts.footer(timeline));
  }

  /**
   * Creates the message for delay expectations when the client never retried.
   *
   * @param expectation what was expected, after "Expecting"
   * @param bounds the bounds
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveRetried(
      String expectation, String bounds, String timeline) {
    return new ShouldHaveRetryDelays(
        "%nExpecting %s:%n  <%s>%nbut the client never retried%s",
        expectation, bounds, Texts.footer(timeline));
  }
}
