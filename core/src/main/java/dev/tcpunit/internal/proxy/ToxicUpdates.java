package dev.tcpunit.internal.proxy;

import dev.tcpunit.proxy.Toxic;

/** The rule of an in-place toxic update, shared by both backends. */
public final class ToxicUpdates {

  private ToxicUpdates() {}

  /**
   * Checks that an update keeps the toxic's type and stream, as Toxiproxy's update does.
   *
   * @param inPlace the toxic in place
   * @param update the toxic with the new attributes, of the same name
   * @param proxy the proxy's name, for the message
   * @throws IllegalArgumentException if the type or the stream differs
   */
  public static void check(Toxic inPlace, Toxic update, String proxy) {
    if (!inPlace.type().equals(update.type()) || inPlace.stream() != update.stream()) {
      throw new IllegalArgumentException(
          "toxic: "
              + update
              + " (expected: a "
              + inPlace.type()
              + " toxic on the "
              + inPlace.stream().toxiproxyName()
              + " stream, as "
              + inPlace.name()
              + " of proxy "
              + proxy
              + " is; an update changes attributes and toxicity only: remove the toxic and add"
              + " the new one to change its type or stream)");
    }
  }
}
