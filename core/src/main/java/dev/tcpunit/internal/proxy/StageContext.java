package dev.tcpunit.internal.proxy;

import java.util.SplittableRandom;

/** What a toxic stage may ask of the connection direction it runs in. */
interface StageContext {

  /**
   * The direction's random generator, derived from the proxy's seed.
   *
   * @return the generator; used on the direction's thread only
   */
  SplittableRandom random();

  /**
   * Tells that a stage discarded bytes it had been offered, so they no longer count as queued.
   *
   * @param bytes how many
   */
  void dropped(int bytes);

  /**
   * Aborts the whole connection now with RST on both sides.
   *
   * @param fault what the probe records
   */
  void reset(Fault fault);
}
