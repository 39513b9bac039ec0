package dev.tcpunit.samples.rabbitmq;

import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import dev.tcpunit.junit.EnabledIfReachable;
import dev.tcpunit.junit.Proxied;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.proxy.InProcessProxy;
import java.net.SocketException;
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
 * The RabbitMQ Java client's automatic recovery: after a reset it waits {@code
 * networkRecoveryInterval}, opens a new connection, reopens the channels and re-declares the
 * topology (queues, bindings, consumers) it knows, so a consumer keeps receiving. The broker ends
 * even a clean {@code connection.close} with a reset of its own.
 */
@DisplayName("RabbitMQ Java client against the local broker, through tcpunit's proxy")
@EnabledIfReachable(
    host = "127.0.0.1",
    port = 5672,
    disabledReason = "needs RabbitMQ with the guest/guest account")
@Timeout(60)
class RabbitMqSample {

  private static final Duration RECOVERY_INTERVAL = Duration.ofMillis(500);

  private final String queue = "tcpunit.rabbitmq." + UUID.randomUUID();

  @Proxied(upstream = "127.0.0.1:5672")
  InProcessProxy proxy;

  private Connection connection;
  private Channel channel;

  @BeforeEach
  void connectThroughTheProxy() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(proxy.listenAddress().getPort());
    factory.setUsername("guest");
    factory.setPassword("guest");
    factory.setAutomaticRecoveryEnabled(true); // the default, stated for the reader
    factory.setNetworkRecoveryInterval(RECOVERY_INTERVAL.toMillis());
    connection = factory.newConnection("tcpunit-sample");
    channel = connection.createChannel();
    channel.queueDeclare(queue, false, true, true, null); // exclusive: gone with the connection
  }

  @AfterEach
  void close() throws Exception {
    if (connection.isOpen()) {
      connection.close();
    }
  }

  @Test
  @DisplayName(
      "recovers from a reset after networkRecoveryInterval, with its consumer, and delivers again")
  void recoversAfterReset() throws Exception {
    CompletableFuture<String> delivered = new CompletableFuture<>();
    DeliverCallback onDelivery =
        (tag, message) -> delivered.complete(new String(message.getBody(), StandardCharsets.UTF_8));
    channel.basicConsume(queue, true, onDelivery, tag -> {});
    CompletableFuture<ShutdownSignalException> lost = new CompletableFuture<>();
    connection.addShutdownListener(lost::complete);
    CompletableFuture<Void> recovered = new CompletableFuture<>();
    ((Recoverable) connection).addRecoveryListener(onRecovery(recovered));

    proxy.resetAll();

    assertThat(lost.get(10, TimeUnit.SECONDS))
        .satisfies(signal -> assertThat(signal.isInitiatedByApplication()).isFalse())
        .cause()
        .isInstanceOf(SocketException.class)
        .hasMessageStartingWith("Connection reset");
    recovered.get(20, TimeUnit.SECONDS);
    assertThat(connection.isOpen()).isTrue();

    channel.basicPublish("", queue, null, "after the reset".getBytes(StandardCharsets.UTF_8));
    assertThat(delivered.get(10, TimeUnit.SECONDS)).isEqualTo("after the reset");

    assertThat(proxy.probe()).hasConnections(2).connection(1).endedWith(ConnectionEnd.PROXY_FAULT);
    assertThat(proxy.probe()).connection(2).isOpen();
    assertThat(proxy.probe())
        .retries()
        .hasCount(1)
        // networkRecoveryInterval, then the time to connect: seconds on a busy machine.
        .delaysBetween(RECOVERY_INTERVAL.minusMillis(50), RECOVERY_INTERVAL.plusSeconds(5));
  }

  @Test
  @DisplayName("closes cleanly on request, and the broker answers the close with a reset")
  void brokerResetsOnClose() throws Exception {
    connection.close();

    assertThat(proxy.probe())
        .hasConnections(1)
        .allClosedWithin(Duration.ofSeconds(10))
        .connection(1)
        .wasResetByServer();
  }

  private static RecoveryListener onRecovery(CompletableFuture<Void> recovered) {
    return new RecoveryListener() {
      @Override
      public void handleRecovery(Recoverable recoverable) {
        recovered.complete(null);
      }

      @Override
      public void handleRecoveryStarted(Recoverable recoverable) {}
    };
  }
}
