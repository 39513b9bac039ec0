package dev.tcpunit.junit.internal;

import dev.tcpunit.proxy.FaultProxy;
import dev.tcpunit.proxy.InProcessProxy;
import java.util.List;

/** Which toxics a {@code @Proxied(backend = TOXIPROXY)} proxy takes, and the message for others. */
final class ToxiproxyToxics {

  /** Toxiproxy's own types; every other toxic is tcpunit's. */
  static final List<String> TYPES =
      List.of(
          "latency", "bandwidth", "slow_close", "timeout", "reset_peer", "slicer", "limit_data");

  private ToxiproxyToxics() {}

  /**
   * Whether a proxy of the extension is on Toxiproxy: every proxy it makes is an {@link
   * InProcessProxy} but those of the Toxiproxy backend (tested so, so that toxiproxy-java is not
   * loaded).
   */
  static boolean onToxiproxy(FaultProxy proxy) {
    return !(proxy instanceof InProcessProxy);
  }

  /**
   * The message for a tcpunit toxic declared for a Toxiproxy proxy.
   *
   * @param toxic the declaration and where it is: {@code @Toxic(type = "x") on field [...]}
   * @param type the toxic's type
   */
  static String unsupported(String toxic, String type) {
    return toxic
        + " requires one of Toxiproxy's toxics ("
        + String.join(", ", TYPES)
        + ") on a @Proxied(backend = TOXIPROXY) proxy but "
        + type
        + " is tcpunit's own. Use @Proxied(backend = IN_PROCESS), which has every toxic, or one"
        + " of Toxiproxy's.";
  }
}
