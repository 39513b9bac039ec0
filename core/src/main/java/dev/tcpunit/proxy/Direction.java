package dev.tcpunit.proxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The direction of the bytes a toxic acts on, named as Toxiproxy's {@code stream} attribute.
 *
 * <p>{@link #DOWNSTREAM} (the default) is what the service sends back to the client; {@link
 * #UPSTREAM} is what the client sends to the service.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Direction {
  /** From the client to the upstream service; Toxiproxy's {@code "upstream"}. */
  UPSTREAM,
  /** From the upstream service back to the client; Toxiproxy's {@code "downstream"}. */
  DOWNSTREAM;

  /**
   * The name Toxiproxy uses for this direction.
   *
   * @return {@code "upstream"} or {@code "downstream"}
   */
  public String toxiproxyName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The opposite direction.
   *
   * @return {@link #DOWNSTREAM} for {@link #UPSTREAM} and the other way round
   */
  public Direction opposite() {
    return this == UPSTREAM ? DOWNSTREAM : UPSTREAM;
  }

  /**
   * Parses Toxiproxy's name of a direction, ignoring case.
   *
   * @param stream {@code "upstream"} or {@code "downstream"}
   * @return the direction
   * @throws IllegalArgumentException for any other text
   */
  public static Direction of(String stream) {
    Objects.requireNonNull(stream, "stream");
    for (Direction direction : values()) {
      if (direction.toxiproxyName().equalsIgnoreCase(stream.trim())) {
        return direction;
      }
    }
    throw new IllegalArgumentException("stream: " + stream + " (expected: upstream or downstream)");
  }
}
