package dev.tcpunit.junit.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The default await timeout, from the configuration parameter {@value #PARAMETER}, read once per
 * run into the root store.
 */
final class Timeouts {

  static final String PARAMETER = "tcpunit.timeout.default";
  static final Duration DEFAULT = Duration.ofSeconds(2);

  private static final Pattern AMOUNT =
      Pattern.compile("(\\d{1,9})\\s*(ns|us|\u03bcs|ms|s|m|h|d)?");
  private static final Map<String, Duration> UNITS =
      Map.of(
          "ns", Duration.ofNanos(1),
          "us", Duration.ofNanos(1_000),
          "\u03bcs", Duration.ofNanos(1_000),
          "ms", Duration.ofMillis(1),
          "s", Duration.ofSeconds(1),
          "m", Duration.ofMinutes(1),
          "h", Duration.ofHours(1),
          "d", Duration.ofDays(1));

  private record Key() {}

  private Timeouts() {}

  static Duration defaultTimeout(ExtensionContext context) {
    return Scope.store(context.getRoot())
        .computeIfAbsent(
            new Key(),
            k -> context.getConfigurationParameter(PARAMETER).map(Timeouts::parse).orElse(DEFAULT),
            Duration.class);
  }

  /**
   * Parses a positive duration: a number with an optional unit (ns, us, ms, s, m, h, d; seconds
   * when omitted), such as {@code 500 ms}, or ISO-8601, such as {@code PT0.5S}.
   */
  static Duration parse(String text) {
    String value = text.strip();
    Duration parsed = null;
    Matcher matcher = AMOUNT.matcher(value.toLowerCase(Locale.ROOT));
    if (matcher.matches()) {
      String unit = matcher.group(2) == null ? "s" : matcher.group(2);
      parsed = UNITS.get(unit).multipliedBy(Long.parseLong(matcher.group(1)));
    } else if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        parsed = Duration.parse(value);
      } catch (DateTimeParseException e) {
        parsed = null;
      }
    }
    if (parsed == null || parsed.isNegative() || parsed.isZero()) {
      throw new ExtensionConfigurationException(
          "Configuration parameter ["
              + PARAMETER
              + "] requires a positive duration such as \"2 s\", \"500 ms\" or \"PT2S\" but it is \""
              + text
              + "\". Fix its value in junit-platform.properties or wherever it is set.");
    }
    return parsed;
  }
}
