package dev.tcpunit.samples.redis;

import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.junit.EnabledIfReachable;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.proxy.InProcessProxy;
import dev.tcpunit.proxy.Toxic;
import dev.tcpunit.proxy.ToxicHandle;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.event.connection.ReconnectFailedEvent;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;

/**
 * Lettuce keeps one connection per client and repairs it by itself: after a reset it reconnects in
 * the background and replays the commands issued meanwhile. A command that outlives its timeout
 * fails alone; the connection stays, and the late reply does not confuse the next command.
 */
@DisplayName("Lettuce against the local Redis, through tcpunit's proxy")
@EnabledIfReachable(host = "127.0.0.1", port = 6379, timeoutMillis = 5_000)
@Timeout(30)
class LettuceSample {

  private static final InetSocketAddress REDIS = new InetSocketAddress("127.0.0.1", 6379);

  private final String key = "tcpunit:lettuce:" + UUID.randomUUID();
  // Reconnect attempts every 50 ms instead of Lettuce's default exponential back-off up to 30 s.
  private final ClientResources resources =
      ClientResources.builder().reconnectDelay(Delay.constant(Duration.ofMillis(50))).build();

  private InProcessProxy proxy;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private RedisCommands<String, String> redis;

  @BeforeEach
  void connectThroughTheProxy() {
    proxy = InProcessProxy.start(REDIS);
    client =
        RedisClient.create(
            resources,
            RedisURI.builder()
                .withHost(proxy.listenAddress().getHostString())
                .withPort(proxy.listenAddress().getPort())
                .withTimeout(Duration.ofSeconds(5))
                .build());
    connection = client.connect();
    redis = connection.sync();
    redis.set(key, "v1");
  }

  @AfterEach
  void close() {
    redis.del(key);
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
    proxy.close();
  }

  @Test
  @DisplayName("reconnects after a reset on its own: the next command succeeds on a new connection")
  void reconnectsAfterReset() {
    proxy.resetAll();

    assertThat(redis.get(key)).isEqualTo("v1");

    assertThat(proxy.probe()).hasConnections(2).connection(1).endedWith(ConnectionEnd.PROXY_FAULT);
    assertThat(proxy.probe()).connection(2).isOpen();
    assertThat(proxy.probe()).retries().hasCount(1).firstRetryWithin(Duration.ofSeconds(2));
  }

  @Test
  @DisplayName("fails a command slower than its timeout, keeps the connection and stays in sync")
  void commandTimeout() {
    connection.setTimeout(Duration.ofMillis(300));
    ToxicHandle slow = proxy.add(Toxic.latency(1_000));
    assertThatThrownBy(() -> redis.get(key))
        .isInstanceOf(RedisCommandTimeoutException.class)
        .hasMessageContaining("300 millisecond(s)");
    slow.remove();

    redis.set(key, "v2");
    assertThat(redis.get(key)).isEqualTo("v2");

    assertThat(proxy.probe()).hasConnections(1).connection(1).isOpen();
  }

  @Test
  @DisplayName("buffers a command while the service is down and runs it once it can reconnect")
  void replaysAfterOutage() throws Exception {
    CountDownLatch refusedTwice = new CountDownLatch(2);
    Disposable subscription =
        resources
            .eventBus()
            .get()
            .filter(ReconnectFailedEvent.class::isInstance)
            .subscribe(event -> refusedTwice.countDown());
    try {
      proxy.disable();
      RedisFuture<String> pending = connection.async().get(key);

      assertThat(refusedTwice.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(pending.isDone()).isFalse();

      proxy.enable();
      assertThat(pending.get(10, TimeUnit.SECONDS)).isEqualTo("v1");
    } finally {
      subscription.dispose();
    }

    assertThat(proxy.probe()).hasConnections(2).connection(1).endedWith(ConnectionEnd.PROXY_FAULT);
    assertThat(proxy.probe()).connection(2).isOpen();
  }
}
