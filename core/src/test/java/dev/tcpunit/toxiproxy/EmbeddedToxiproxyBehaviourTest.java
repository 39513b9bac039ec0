package dev.tcpunit.toxiproxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("ToxiproxyProxy behaviours against EmbeddedToxiproxy")
class EmbeddedToxiproxyBehaviourTest extends ToxiproxyBehaviours {

  private static EmbeddedToxiproxy server;

  @BeforeAll
  static void startServer() {
    server = EmbeddedToxiproxy.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  String toxiproxyUrl() {
    return server.url();
  }
}
