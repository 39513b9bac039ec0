package dev.tcpunit.internal.server;

import java.util.Map;

/** Character classes and field-line parsing of HTTP/1.1 (RFC 9110, RFC 9112). */
final class HttpSyntax {

  private static final String DELIMITERS = "\"(),/:;<=>?@[\\]{}";
  private static final int QUOTE_LIMIT = 80;

  private HttpSyntax() {}

  static boolean isToken(String s) {
    return !s.isEmpty() && s.chars().allMatch(HttpSyntax::isTokenChar);
  }

  static boolean isVisible(String s) {
    return s.chars().allMatch(c -> c > 0x20 && c != 0x7f);
  }

  static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /**
   * Parses a header or trailer field line.
   *
   * @param line the line without its line ending
   * @return the name and the value without surrounding whitespace
   * @throws BadRequestException if it is not a valid field line
   */
  static Map.Entry<String, String> field(String line) throws BadRequestException {
    if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
      throw new BadRequestException("obsolete line folding: " + quote(line));
    }
    int colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.substring(0, colon))) {
      throw new BadRequestException("malformed header line: " + quote(line));
    }
    String value = trimWhitespace(line.substring(colon + 1));
    if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f))) {
      throw new BadRequestException("control character in header: " + quote(line));
    }
    return Map.entry(line.substring(0, colon), value);
  }

  static String trimWhitespace(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isWhitespace(s.charAt(from))) {
      from++;
    }
    while (to > from && isWhitespace(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    int end = Math.min(s.length(), QUOTE_LIMIT);
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append(s.length() > end ? "...\"" : "\"").toString();
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isTokenChar(int c) {
    return c > 0x20 && c < 0x7f && DELIMITERS.indexOf(c) < 0;
  }
}
