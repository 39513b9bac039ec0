package dev.tcpunit.internal.server;

import dev.tcpunit.internal.Checks;
import dev.tcpunit.internal.os.Deadline;
import dev.tcpunit.server.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** The HTTP requests a server read, in order; thread-safe. */
final class RequestLog {

  private final List<HttpRequest> requests = new ArrayList<>();

  synchronized void add(HttpRequest request) {
    requests.add(request);
    notifyAll();
  }

  synchronized List<HttpRequest> snapshot() {
    return List.copyOf(requests);
  }

  HttpRequest await(int n, Duration timeout, Supplier<String> timeline)
      throws TimeoutException, InterruptedException {
    Checks.requireAtLeast("n", n, 1);
    Deadline deadline = Deadline.after(Checks.requirePositive("timeout", timeout));
    int arrived;
    synchronized (this) {
      while (requests.size() < n) {
        long left = deadline.remainingNanos();
        if (left <= 0) {
          break;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      if (requests.size() >= n) {
        return requests.get(n - 1);
      }
      arrived = requests.size();
    }
    throw new TimeoutException(
        "Expected HTTP request #"
            + n
            + " within "
            + timeout.toMillis()
            + " ms, but "
            + (arrived == 0 ? "none" : "only " + arrived)
            + " arrived."
            + System.lineSeparator()
            + timeline.get());
  }
}
