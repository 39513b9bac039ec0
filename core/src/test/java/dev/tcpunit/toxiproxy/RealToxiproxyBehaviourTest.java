package dev.tcpunit.toxiproxy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

@DisplayName("ToxiproxyProxy behaviours against the Toxiproxy at TOXIPROXY_URL")
@EnabledIfEnvironmentVariable(
    named = "TOXIPROXY_URL",
    matches = "https?://.+",
    disabledReason =
        "TOXIPROXY_URL is not set: set it to the API of a Toxiproxy server that shares this"
            + " machine's loopback (for example http://127.0.0.1:8474) to run these behaviours"
            + " against real Toxiproxy")
class RealToxiproxyBehaviourTest extends ToxiproxyBehaviours {

  @Override
  String toxiproxyUrl() {
    return System.getenv("TOXIPROXY_URL");
  }
}
