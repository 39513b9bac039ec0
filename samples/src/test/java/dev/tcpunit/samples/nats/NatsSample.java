package dev.tcpunit.samples.nats;

import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.junit.EnabledIfReachable;
import dev.tcpunit.junit.Proxied;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.proxy.InProcessProxy;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener.Events;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The NATS Java client reconnects by itself. {@code reconnectWait} separates attempts to a server
 * that just failed an attempt; the first attempt after a lost connection goes out at once. Once
 * reconnected, the client re-subscribes (event {@code RESUBSCRIBED}, after {@code RECONNECTED}). A
 * message published right after {@code DISCONNECTED} was lost in one of three runs here (the
 * reconnect had already happened, the subscription was not back yet): the sample publishes after
 * {@code RESUBSCRIBED}.
 */
@DisplayName("NATS Java client against the local nats-server, through tcpunit's proxy")
@EnabledIfReachable(
    host = "127.0.0.1",
    port = 4222,
    disabledReason = "needs nats-server listening on 127.0.0.1:4222")
@Timeout(60)
class NatsSample {

  // Long on purpose: a reconnect that came after it would fail the test.
  private static final Duration RECONNECT_WAIT = Duration.ofSeconds(20);

  private final String subject = "tcpunit.nats." + UUID.randomUUID();
  private final CompletableFuture<Void> disconnected = new CompletableFuture<>();
  private final CompletableFuture<Void> reconnected = new CompletableFuture<>();
  private final CompletableFuture<Void> resubscribed = new CompletableFuture<>();

  @Proxied(upstream = "127.0.0.1:4222")
  InProcessProxy proxy;

  private Connection nats;

  @BeforeEach
  void connectThroughTheProxy() throws Exception {
    Options options =
        Options.builder()
            .server("nats://127.0.0.1:" + proxy.listenAddress().getPort())
            .reconnectWait(RECONNECT_WAIT)
            .reconnectJitter(Duration.ZERO)
            .connectionListener(
                (connection, event) -> {
                  if (event == Events.DISCONNECTED) {
                    disconnected.complete(null);
                  } else if (event == Events.RECONNECTED) {
                    reconnected.complete(null);
                  } else if (event == Events.RESUBSCRIBED) {
                    resubscribed.complete(null);
                  }
                })
            .errorListener(new ErrorListener() {}) // quiet: the expected reset is no news
            .build();
    nats = Nats.connect(options);
  }

  @AfterEach
  void close() throws InterruptedException {
    nats.close();
  }

  @Test
  @DisplayName("reconnects at once after a reset, re-subscribes and delivers again")
  void reconnectsAfterReset() throws Exception {
    Subscription subscription = nats.subscribe(subject);
    nats.flush(Duration.ofSeconds(5));

    proxy.resetAll();
    disconnected.get(10, TimeUnit.SECONDS);
    reconnected.get(10, TimeUnit.SECONDS);
    resubscribed.get(10, TimeUnit.SECONDS);
    nats.publish(subject, bytes("after the reconnect"));

    assertThat(text(subscription.nextMessage(Duration.ofSeconds(10))))
        .isEqualTo("after the reconnect");
    assertThat(nats.getStatistics().getReconnects()).isEqualTo(1);

    assertThat(proxy.probe()).hasConnections(2).connection(1).endedWith(ConnectionEnd.PROXY_FAULT);
    assertThat(proxy.probe()).connection(2).isOpen();
    // Far below the 20 s reconnectWait: the first attempt does not wait.
    assertThat(proxy.probe()).retries().hasCount(1).firstRetryWithin(Duration.ofSeconds(5));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Message message) {
    assertThat(message).as("message").isNotNull();
    return new String(message.getData(), StandardCharsets.UTF_8);
  }
}
