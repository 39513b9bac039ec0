package dev.tcpunit.internal.assertj;

import dev.tcpunit.probe.Retries;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** Retry delays do not grow as expected. */
public final class ShouldBackOff extends TextMessage {

  private static final String DELAYS = "%nmeasured delays (ms):%n  <%s>%s";

  private ShouldBackOff(String format, String... texts) {
    super(format, texts);
  }

  /**
   * Creates the message for delays that do not grow by a factor.
   *
   * @param factor the factor with its tolerance, for example {@code 2 ± 50% (1 to 3)}
   * @param offenders the retries out of bounds
   * @param retries every retry measured
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldGrowBy(
      String factor, List<String> offenders, Retries retries, String timeline) {
    return new ShouldBackOff(
        "%nExpecting each retry delay to be the previous one times:%n  <%s>%nbut these were not:%n%s"
            + DELAYS,
        factor,
        Texts.bullets(offenders),
        Texts.msList(retries.delays()),
        Texts.footer(timeline));
  }

  /**
   * Creates the message for delays that shrink.
   *
   * @param offenders the retries shorter than the previous one
   * @param retries every retry measured
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldGrow(
      List<String> offenders, Retries retries, String timeline) {
    return new ShouldBackOff(
        "%nExpecting each retry delay to be at least as long as the previous one but these were"
            + " shorter:%n%s"
            + DELAYS,
        Texts.bullets(offenders),
        Texts.msList(retries.delays()),
        Texts.footer(timeline));
  }

  /**
   * Creates the message for too few retries to compare delays.
   *
   * @param expectation what was expected, after "Expecting"
   * @param retries every retry measured
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveRetriedTwice(
      String expectation, Retries retries, String timeline) {
    return new ShouldBackOff(
        "%nExpecting %s, which needs at least 2 retries, but the client retried:%n  <%s>" + DELAYS,
        expectation,
        Texts.count(retries.count(), "time"),
        Texts.msList(retries.delays()),
        Texts.footer(timeline));
  }
}
