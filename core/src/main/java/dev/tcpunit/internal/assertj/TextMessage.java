package dev.tcpunit.internal.assertj;

import org.assertj.core.error.BasicErrorMessageFactory;

/**
 * A message whose arguments are preformatted texts, shown as they are (AssertJ would otherwise
 * quote strings). Texts may contain {@code %}: they are arguments, never part of the format.
 */
abstract class TextMessage extends BasicErrorMessageFactory {

  /** The start of every message about one connection: its number and endpoints. */
  static final String CONNECTION = "%nExpecting connection %s%n  <%s>%n";

  TextMessage(String format, String... texts) {
    super(format, unquoted(texts));
  }

  private static Object[] unquoted(String[] texts) {
    Object[] arguments = new Object[texts.length];
    for (int i = 0; i < texts.length; i++) {
      arguments[i] = unquotedString(texts[i]);
    }
    return arguments;
  }
}
