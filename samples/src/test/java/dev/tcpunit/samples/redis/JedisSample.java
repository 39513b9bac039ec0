package dev.tcpunit.samples.redis;

import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.junit.EnabledIfReachable;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.proxy.InProcessProxy;
import dev.tcpunit.proxy.Toxic;
import dev.tcpunit.proxy.ToxicHandle;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Jedis 8's {@code RedisClient} lends pooled blocking connections and does not retry a command: a
 * connection reset while it sat in the pool fails the next command, a reply slower than the socket
 * timeout fails its command and costs the connection. Jedis drops the broken connection, so the
 * command after that runs on a new one.
 */
@DisplayName("Jedis against the local Redis, through tcpunit's proxy")
@EnabledIfReachable(host = "127.0.0.1", port = 6379, timeoutMillis = 5_000)
@Timeout(30)
class JedisSample {

  private static final InetSocketAddress REDIS = new InetSocketAddress("127.0.0.1", 6379);
  private static final int SOCKET_TIMEOUT_MILLIS = 300;

  private final String key = "tcpunit:jedis:" + UUID.randomUUID();

  private InProcessProxy proxy;
  private RedisClient redis;

  @BeforeEach
  void connectThroughTheProxy() {
    proxy = InProcessProxy.start(REDIS);
    redis =
        RedisClient.builder()
            .hostAndPort(new HostAndPort("127.0.0.1", proxy.listenAddress().getPort()))
            .clientConfig(
                DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(2_000)
                    .socketTimeoutMillis(SOCKET_TIMEOUT_MILLIS)
                    .build())
            .build();
    redis.set(key, "v1");
  }

  @AfterEach
  void close() {
    proxy.removeAll();
    redis.del(key);
    redis.close();
    proxy.close();
  }

  @Test
  @DisplayName("fails the first command after a pooled connection was reset, then reconnects")
  void resetWhileIdle() {
    proxy.resetAll();

    assertThatThrownBy(() -> redis.get(key))
        .isInstanceOf(JedisConnectionException.class)
        .hasCauseInstanceOf(SocketException.class)
        .hasMessageContaining("Connection reset");
    assertThat(redis.get(key)).isEqualTo("v1");

    assertThat(proxy.probe()).hasConnections(2).connection(1).endedWith(ConnectionEnd.PROXY_FAULT);
    assertThat(proxy.probe()).retries().hasCount(1);
  }

  @Test
  @DisplayName(
      "fails a command slower than the socket timeout after a second connection timed out too")
  void slowerThanTheSocketTimeout() throws Exception {
    ToxicHandle slow = proxy.add(Toxic.latency(1_000));
    long asked = System.nanoTime();
    assertThatThrownBy(() -> redis.get(key))
        .isInstanceOf(JedisConnectionException.class)
        .hasCauseInstanceOf(SocketTimeoutException.class);
    // Measured here, less the client's millisecond clock: both socket timeouts ran out within the
    // call; the probe's record of a connection opens at the accept, which a busy machine may delay
    // past the moment the client started waiting.
    assertThat(Duration.ofNanos(System.nanoTime() - asked))
        .isGreaterThanOrEqualTo(Duration.ofMillis(2 * SOCKET_TIMEOUT_MILLIS - 10));
    slow.remove();

    // #1 timed out on the GET, #2 on its handshake: Jedis aborts both with RST.
    assertThat(proxy.probe())
        .hasConnections(2)
        .allClosedWithin(Duration.ofSeconds(5))
        .everyConnection(c -> c.wasResetByClient());
    assertThat(proxy.probe()).connection(2).lastedAtMost(Duration.ofSeconds(5));

    assertThat(redis.get(key)).isEqualTo("v1");
    assertThat(proxy.probe()).hasConnections(3).connection(3).isOpen();
  }

  @Test
  @DisplayName(
      "fails a command while the service refuses connections, and recovers when it is back")
  void outage() {
    proxy.disable();
    assertThatThrownBy(() -> redis.get(key))
        .isInstanceOf(JedisConnectionException.class)
        .hasMessage("Unexpected end of stream.");
    proxy.enable();

    assertThat(redis.get(key)).isEqualTo("v1");

    assertThat(proxy.probe()).hasConnections(2).connection(1).endedWith(ConnectionEnd.PROXY_FAULT);
    assertThat(proxy.probe()).connection(2).isOpen();
  }
}
