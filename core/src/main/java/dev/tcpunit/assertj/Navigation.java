package dev.tcpunit.assertj;

import dev.tcpunit.probe.ConnectionRecord;
import dev.tcpunit.probe.Retries;

/**
 * Makes the assertion objects that {@link ProbeAssert}'s navigation methods return: plain ones, or
 * soft proxies when the probe assertion came from {@link TcpSoftAssertions}, so that assertions
 * chained after {@code connection(n)} or {@code retries()} are collected too.
 */
interface Navigation {

  /** Hard assertions: plain objects; a missing connection fails at once. */
  Navigation PLAIN =
      new Navigation() {
        @Override
        public ConnectionAssert connection(ConnectionRecord record) {
          return new ConnectionAssert(record);
        }

        @Override
        public ConnectionAssert missing(AssertionError error) {
          throw error;
        }

        @Override
        public RetryAssert retries(Retries retries) {
          return new RetryAssert(retries);
        }
      };

  /**
   * The assertions on a connection navigated to.
   *
   * @param record the connection
   * @return the assertion object
   */
  ConnectionAssert connection(ConnectionRecord record);

  /**
   * Reports a connection navigated to that does not exist.
   *
   * @param error the failure
   * @return assertions to chain on that check nothing, when the failure is collected softly
   */
  ConnectionAssert missing(AssertionError error);

  /**
   * The assertions on retries navigated to.
   *
   * @param retries the retries
   * @return the assertion object
   */
  RetryAssert retries(Retries retries);
}
