package dev.tcpunit.samples.http;

import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.junit.TcpServer;
import dev.tcpunit.probe.ConnectionProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FirstConnectionResetSample {

  HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void getIsRetriedOnANewConnectionAfterAReset(
      @TcpServer(resetFirst = 1, httpStatus = 200, httpBody = "ok") URI server,
      ConnectionProbe probe)
      throws Exception {
    HttpResponse<String> response =
        client.send(HttpRequest.newBuilder(server).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.body()).isEqualTo("ok");
    assertThat(probe).hasConnections(2).retriedAfterReset();
    assertThat(probe).connection(1).wasResetByServer();
    assertThat(probe).retries().hasCount(1).delaysAtMost(Duration.ofMillis(500));
  }
}
