package dev.tcpunit.assertj;

import dev.tcpunit.probe.ConnectionProbe;

/** Builds expected failure messages: AssertJ's leading line break, the body, the timeline. */
final class Messages {

  static final String NL = System.lineSeparator();

  private Messages() {}

  /**
   * The message a failure should have.
   *
   * @param body the message without the timeline, as a text block (lines end with \n)
   * @param probe the probe whose timeline ends the message
   */
  static String expected(String body, ConnectionProbe probe) {
    return expected(body, probe.timeline());
  }

  static String expected(String body, String timeline) {
    return NL + body.replace("\n", NL) + NL + timeline;
  }
}
