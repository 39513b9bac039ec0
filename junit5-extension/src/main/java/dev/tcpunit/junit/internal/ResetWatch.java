package dev.tcpunit.junit.internal;

import dev.tcpunit.junit.ExpectReset;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.probe.ConnectionRecord;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;

/**
 * One {@code @ExpectReset} test invocation: the servers it checks, the connections that had ended
 * before the test method started (they do not count), and the reset the test surfaced.
 */
final class ResetWatch {

  private static final Duration POLL = Duration.ofMillis(10);

  /** Identifies a connection across {@link ConnectionProbe#clear()}: endpoint and open instant. */
  private record Identity(InetSocketAddress client, Duration opened) {
    static Identity of(ConnectionRecord record) {
      return new Identity(record.client(), record.opened());
    }
  }

  private final ExpectReset expect;
  private final ResetMessages messages;
  private final Duration timeout;
  private final Map<ServerHandle, Set<Identity>> endedBefore = new LinkedHashMap<>();
  private volatile @Nullable Throwable surfaced;

  ResetWatch(ExpectReset expect, String method, List<ServerHandle> servers, Duration timeout) {
    this.expect = expect;
    this.messages = new ResetMessages(expect, method, servers, timeout);
    this.timeout = timeout;
    for (ServerHandle server : servers) {
      endedBefore.put(
          server,
          server.server().probe().connections().stream()
              .filter(r -> r.end().isEnded())
              .map(Identity::of)
              .collect(Collectors.toSet()));
    }
  }

  /** Handles what the test threw: swallows an expected surfaced reset, rethrows anything else. */
  void thrown(Throwable thrown) throws Throwable {
    if (ResetExceptions.find(thrown).isEmpty()) {
      throw thrown;
    }
    if (expect.recovered()) {
      throw new AssertionFailedError(messages.threwReset(thrown), thrown);
    }
    surfaced = thrown;
  }

  /**
   * Checks the connections after a test method that completed (normally or by a swallowed reset).
   */
  void verify() {
    await(() -> resets().size() >= expect.atLeast());
    int resets = resets().size();
    Throwable cause = surfaced;
    if (!expect.recovered() && cause == null) {
      throw new AssertionFailedError(messages.notSurfaced(resets));
    }
    if (resets < expect.atLeast()) {
      throw new AssertionFailedError(messages.tooFew(resets), cause);
    }
    if (resets > expect.atMost()) {
      throw new AssertionFailedError(messages.tooMany(resets), cause);
    }
    if (expect.recovered()) {
      for (ServerHandle server : endedBefore.keySet()) {
        lastReset(server).ifPresent(reset -> requireRetry(server, reset));
      }
    }
  }

  private void requireRetry(ServerHandle server, ConnectionRecord reset) {
    Duration resetAt = reset.endedAt().orElseThrow();
    BooleanSupplier retried =
        () ->
            server.server().probe().connections().stream()
                .anyMatch(r -> r.opened().compareTo(resetAt) >= 0);
    await(retried);
    if (!retried.getAsBoolean()) {
      throw new AssertionFailedError(messages.noRetry(server, reset));
    }
  }

  private Optional<ConnectionRecord> lastReset(ServerHandle server) {
    return counted(server)
        .filter(ConnectionRecord::wasReset)
        .max(Comparator.comparing(r -> r.endedAt().orElseThrow()));
  }

  private List<ConnectionRecord> resets() {
    return endedBefore.keySet().stream()
        .flatMap(this::counted)
        .filter(ConnectionRecord::wasReset)
        .collect(Collectors.toList());
  }

  private Stream<ConnectionRecord> counted(ServerHandle server) {
    Set<Identity> before = endedBefore.get(server);
    return server.server().probe().connections().stream()
        .filter(r -> !before.contains(Identity.of(r)));
  }

  /** Polls a condition until it holds or the timeout passes; bounded in time and rounds. */
  private void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long rounds = timeout.toNanos() / POLL.toNanos() + 2;
    for (long i = 0; i < rounds && !condition.getAsBoolean(); i++) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      LockSupport.parkNanos(Math.min(left, POLL.toNanos()));
    }
  }
}
