package dev.tcpunit.internal.proxy;

import dev.tcpunit.proxy.Direction;
import dev.tcpunit.proxy.Toxic;
import java.util.SplittableRandom;

/**
 * A proxy's seeded randomness. Every draw is derived from the seed, the connection's number and the
 * direction (and the toxic's name for toxicity), never from a shared sequence, so a connection's
 * decisions replay exactly with the same seed whatever the threads' timing.
 */
public final class FaultRandom {

  private final long seed;

  /**
   * Creates the randomness of one proxy.
   *
   * @param seed the seed
   */
  public FaultRandom(long seed) {
    this.seed = seed;
  }

  /**
   * A fresh seed for a proxy that was given none.
   *
   * @return a seed
   */
  public static long newSeed() {
    return new SplittableRandom().nextLong();
  }

  /**
   * The seed.
   *
   * @return the seed given to the constructor
   */
  public long seed() {
    return seed;
  }

  /**
   * The generator of one direction of one connection, for jitter, slicing and corruption.
   *
   * @param connection the connection's number in the proxy, from 1
   * @param direction the direction
   * @return a generator for that direction's thread
   */
  public SplittableRandom forStream(long connection, Direction direction) {
    return new SplittableRandom(mix(seed, connection * 2 + direction.ordinal()));
  }

  /**
   * Draws whether a toxic applies to a direction of a connection, with its toxicity.
   *
   * @param toxic the toxic
   * @param connection the connection's number in the proxy, from 1
   * @param direction the direction; connection-level toxics pass their stream
   * @return {@code true} if it applies
   */
  public boolean applies(Toxic toxic, long connection, Direction direction) {
    double toxicity = toxic.toxicity();
    if (toxicity >= 1.0) {
      return true;
    }
    if (toxicity <= 0.0) {
      return false;
    }
    long stream = mix(seed, connection * 2 + direction.ordinal());
    return new SplittableRandom(mix(stream, toxic.name().hashCode())).nextDouble() < toxicity;
  }

  /** SplitMix64's finaliser over a combination of two values. */
  static long mix(long a, long b) {
    long z = a + 0x9E3779B97F4A7C15L * (b + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
