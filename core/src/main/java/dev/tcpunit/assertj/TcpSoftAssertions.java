package dev.tcpunit.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.probe.ConnectionRecord;
import dev.tcpunit.probe.Retries;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractSoftAssertions;
import org.jspecify.annotations.Nullable;

/**
 * Soft assertions over probes: every failure is collected and reported together by {@link
 * #assertAll()}, each message with its timeline. Navigation is soft too: assertions chained after
 * {@link ProbeAssert#connection(int)} or {@link ProbeAssert#retries()} are collected, and a missing
 * connection is reported once without failing the chained assertions.
 *
 * <pre>{@code
 * TcpSoftAssertions softly = new TcpSoftAssertions();
 * softly.assertThat(probe).hasConnections(2);
 * softly.assertThat(probe).connection(1).wasReset();
 * softly.assertThat(probe).retries().delaysAtLeast(Duration.ofMillis(100));
 * softly.assertAll();
 * }</pre>
 *
 * It also works with AssertJ's {@code SoftAssertionsExtension} and {@code
 * SoftAssertionsProvider.assertSoftly(TcpSoftAssertions.class, softly -> ...)}. Not thread-safe:
 * use one instance per test thread.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class TcpSoftAssertions extends AbstractSoftAssertions {

  private final Navigation navigation = new SoftNavigation();

  /** Creates an instance with no collected failure. */
  public TcpSoftAssertions() {}

  /**
   * Creates soft assertions on every connection a probe recorded.
   *
   * @param actual the probe
   * @return the assertions, collecting failures into this instance
   */
  public ProbeAssert assertThat(@Nullable ConnectionProbe actual) {
    return proxy(ProbeAssert.class, ConnectionProbe.class, actual).navigatingWith(navigation);
  }

  /**
   * Creates soft assertions on one recorded connection.
   *
   * @param actual the connection
   * @return the assertions, collecting failures into this instance
   */
  public ConnectionAssert assertThat(@Nullable ConnectionRecord actual) {
    return proxy(ConnectionAssert.class, ConnectionRecord.class, actual);
  }

  /**
   * Creates soft assertions on retries.
   *
   * @param actual the retries
   * @return the assertions, collecting failures into this instance
   */
  public RetryAssert assertThat(@Nullable Retries actual) {
    return proxy(RetryAssert.class, Retries.class, actual);
  }

  /** Navigation that keeps assertions soft. */
  private final class SoftNavigation implements Navigation {

    @Override
    public ConnectionAssert connection(ConnectionRecord record) {
      return proxy(ConnectionAssert.class, ConnectionRecord.class, record);
    }

    @Override
    public ConnectionAssert missing(AssertionError error) {
      collectAssertionError(error);
      // Assertions chained on a missing connection fail into a collector nobody reads: the
      // missing connection is reported once, above.
      return new TcpSoftAssertions().proxy(ConnectionAssert.class, ConnectionRecord.class, null);
    }

    @Override
    public RetryAssert retries(Retries retries) {
      return proxy(RetryAssert.class, Retries.class, retries);
    }
  }
}
