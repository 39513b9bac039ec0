package dev.tcpunit.junit.internal;

import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/** Whether Testcontainers finds a Docker engine. Loaded only where a {@code @Proxied} exists. */
final class Docker {

  private Docker() {}

  /** What is missing, in Testcontainers' words, or empty when an engine answers. */
  static Optional<String> missing() {
    try {
      DockerClientFactory.instance().client();
      return Optional.empty();
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage()).strip();
      int newline = message.indexOf('\n');
      return Optional.of(newline < 0 ? message : message.substring(0, newline));
    }
  }

  /** The message of a declaration that needs Docker when none answers. */
  static String message(String label, String missing, boolean skipping) {
    return label
        + " requires a Docker engine but none was found (Testcontainers: "
        + missing
        + "). Start a Docker engine or point DOCKER_HOST at one"
        + (skipping
            ? "; the class is skipped until then (disabledWithoutDocker = false fails it)."
            : ".");
  }
}
