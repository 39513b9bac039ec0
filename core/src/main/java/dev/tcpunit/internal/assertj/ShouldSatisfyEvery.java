package dev.tcpunit.internal.assertj;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.error.ErrorMessageFactory;

/** Some connections did not satisfy the requirements given for every connection. */
public final class ShouldSatisfyEvery extends TextMessage {

  private ShouldSatisfyEvery(String format, String... texts) {
    super(format, texts);
  }

  /**
   * Creates the message.
   *
   * @param total how many connections were checked
   * @param failures the failure message of each connection that failed, by connection index
   * @param timeline the timeline to end with, or empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldSatisfyEvery(
      int total, Map<Integer, String> failures, String timeline) {
    List<String> parts =
        failures.entrySet().stream()
            .map(
                e ->
                    "  connection #"
                        + e.getKey()
                        + ":"
                        + Texts.NL
                        + Texts.indent(e.getValue().strip(), 4))
            .toList();
    return new ShouldSatisfyEvery(
        "%nExpecting every connection to satisfy the requirements but %s did not:%n%s%s",
        failures.size() + " of " + total,
        parts.stream().collect(Collectors.joining(Texts.NL)),
        Texts.footer(timeline));
  }
}
