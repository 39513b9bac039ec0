package dev.tcpunit.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.os.SocketTable;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.probe.ConnectionRecord;
import dev.tcpunit.probe.Retries;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of tcpunit's AssertJ assertions. Import it statically next to AssertJ's own
 * {@code assertThat}; the overloads do not clash.
 *
 * <pre>{@code
 * import static dev.tcpunit.assertj.TcpAssertions.assertThat;
 *
 * assertThat(server.probe())
 *     .hasConnections(2)
 *     .retriedAfterReset()
 *     .allClosedWithin(Duration.ofSeconds(5));
 * }</pre>
 *
 * For soft assertions use {@link TcpSoftAssertions}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TcpAssertions {

  private TcpAssertions() {}

  /**
   * Creates assertions on every connection a probe recorded.
   *
   * @param actual the probe of a scripted server or fault proxy
   * @return the assertions
   */
  public static ProbeAssert assertThat(@Nullable ConnectionProbe actual) {
    return new ProbeAssert(actual);
  }

  /**
   * Creates assertions on one recorded connection; failure messages show that connection alone. To
   * see the whole probe's timeline on failure, navigate from the probe: {@code
   * assertThat(probe).connection(2)}.
   *
   * @param actual the connection
   * @return the assertions
   */
  public static ConnectionAssert assertThat(@Nullable ConnectionRecord actual) {
    return new ConnectionAssert(actual);
  }

  /**
   * Creates assertions on retries computed from connections, for example from a subset of a probe's
   * connections. To assert on all of them, navigate from the probe: {@code
   * assertThat(probe).retries()}.
   *
   * @param actual the retries
   * @return the assertions
   */
  public static RetryAssert assertThat(@Nullable Retries actual) {
    return new RetryAssert(actual);
  }

  /**
   * Creates assertions on the kernel's TCP sockets, for example "no socket of this process to port
   * P is left in CLOSE_WAIT": {@code assertThat(SocketTable.read()).hasNoSocketInState(port,
   * TcpState.CLOSE_WAIT)}. Waiting assertions read the table again until their deadline.
   *
   * @param actual the table
   * @return the assertions
   */
  public static SocketTableAssert assertThat(@Nullable SocketTable actual) {
    return new SocketTableAssert(actual);
  }
}
