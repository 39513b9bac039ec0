package dev.tcpunit.samples.mqtt;

import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Eclipse Paho's MQTT v3 client with automatic reconnect: after a reset it waits one second (its
 * first reconnect delay, which doubles after each failed attempt) and connects again. With a
 * persistent session ({@code cleanSession = false}) the broker kept the subscription, so messages
 * arrive again without subscribing anew.
 */
@DisplayName("Eclipse Paho MQTT client against the local Mosquitto, through tcpunit's proxy")
@EnabledIfReachable(
    host = "127.0.0.1",
    port = 1883,
    disabledReason = "needs Mosquitto accepting anonymous clients on 127.0.0.1:1883")
@Timeout(60)
class PahoMqttSample {

  private static final Duration FIRST_RECONNECT_DELAY = Duration.ofSeconds(1);

  private final String topic = "tcpunit/paho/" + UUID.randomUUID();
  private final CompletableFuture<Throwable> lost = new CompletableFuture<>();
  private final CompletableFuture<Void> reconnected = new CompletableFuture<>();
  private final CompletableFuture<String> received = new CompletableFuture<>();

  @Proxied(upstream = "127.0.0.1:1883")
  InProcessProxy proxy;

  private MqttClient client;

  @BeforeEach
  void connectThroughTheProxy() throws MqttException {
    client =
        new MqttClient(
            "tcp://127.0.0.1:" + proxy.listenAddress().getPort(),
            "tcpunit-" + UUID.randomUUID(),
            new MemoryPersistence());
    client.setCallback(new Callbacks());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setAutomaticReconnect(true);
    options.setCleanSession(false);
    options.setConnectionTimeout(10);
    client.connect(options);
    client.subscribe(topic, 1);
  }

  @AfterEach
  void close() throws MqttException {
    try {
      if (client.isConnected()) {
        client.unsubscribe(topic); // the persistent session keeps nothing of this test
        client.disconnect();
      }
    } finally {
      client.close();
    }
  }

  @Test
  @DisplayName("reconnects one second after a reset and receives on the subscription it kept")
  void reconnectsAfterReset() throws Exception {
    proxy.resetAll();

    assertThat(lost.get(10, TimeUnit.SECONDS))
        .isInstanceOf(MqttException.class)
        .hasCauseInstanceOf(SocketException.class);
    reconnected.get(20, TimeUnit.SECONDS);
    client.publish(topic, "after the reset".getBytes(StandardCharsets.UTF_8), 1, false);
    assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("after the reset");

    assertThat(proxy.probe()).hasConnections(2).connection(1).endedWith(ConnectionEnd.PROXY_FAULT);
    assertThat(proxy.probe()).connection(2).isOpen();
    assertThat(proxy.probe())
        .retries()
        .hasCount(1)
        // The first reconnect delay, then the time to connect: seconds on a busy machine.
        .delaysBetween(FIRST_RECONNECT_DELAY.minusMillis(50), FIRST_RECONNECT_DELAY.plusSeconds(5));
  }

  private final class Callbacks implements MqttCallbackExtended {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      if (reconnect) {
        reconnected.complete(null);
      }
    }

    @Override
    public void connectionLost(Throwable cause) {
      lost.complete(cause);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      received.complete(new String(message.getPayload(), StandardCharsets.UTF_8));
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {}
  }
}
