package dev.tcpunit.proxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Toxiproxy's {@code slicer}: every chunk of data is cut into pieces of about {@code average_size}
 * bytes, each piece's size varying by up to {@code size_variation} bytes, written one by one with
 * {@code delay} between them, as a slow network would deliver them.
 *
 * <p>Attributes: {@code average_size} and {@code size_variation} in bytes, {@code delay} in
 * <em>microseconds</em> (Toxiproxy's unit).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SlicerToxic extends Toxic {

  private final int averageSize;
  private final int sizeVariation;
  private final Duration delay;

  private SlicerToxic(Common common, int averageSize, int sizeVariation, Duration delay) {
    super(common);
    this.averageSize = averageSize;
    this.sizeVariation = sizeVariation;
    this.delay = delay;
  }

  static SlicerToxic of(int averageSize) {
    Checks.requireAtLeast("average_size", averageSize, 1);
    return new SlicerToxic(Common.DEFAULT, averageSize, 0, Duration.ZERO);
  }

  /**
   * The same toxic with pieces varying in size by up to {@code bytes} around the average.
   *
   * @param bytes the variation, from 0 to {@code average_size - 1}
   * @return a new toxic
   */
  public SlicerToxic sizeVariation(int bytes) {
    if (bytes < 0 || bytes >= averageSize) {
      throw new IllegalArgumentException(
          "size_variation: "
              + bytes
              + " (expected: 0-"
              + (averageSize - 1)
              + ", below average_size "
              + averageSize
              + ")");
    }
    return new SlicerToxic(common, averageSize, bytes, delay);
  }

  /**
   * The same toxic with a delay between pieces, in Toxiproxy's unit.
   *
   * @param micros the delay in microseconds; 0 to 100 years
   * @return a new toxic
   */
  public SlicerToxic delayMicros(long micros) {
    return delay(Duration.of(Checks.requireAtLeast("delay", micros, 0), ChronoUnit.MICROS));
  }

  /**
   * The same toxic with a delay between pieces.
   *
   * @param delay the delay; 0 to 100 years
   * @return a new toxic
   */
  public SlicerToxic delay(Duration delay) {
    return new SlicerToxic(common, averageSize, sizeVariation, Checks.requireDelay("delay", delay));
  }

  /**
   * The average piece size.
   *
   * @return bytes
   */
  public int averageSize() {
    return averageSize;
  }

  /**
   * The variation of piece sizes around the average.
   *
   * @return bytes
   */
  public int sizeVariation() {
    return sizeVariation;
  }

  /**
   * The delay between pieces.
   *
   * @return the delay
   */
  public Duration delay() {
    return delay;
  }

  @Override
  public String type() {
    return "slicer";
  }

  @Override
  public Map<String, Number> attributes() {
    return attributes(
        "average_size",
        averageSize,
        "size_variation",
        sizeVariation,
        "delay",
        delay.toNanos() / 1000);
  }

  @Override
  public SlicerToxic named(String name) {
    return new SlicerToxic(common.named(name), averageSize, sizeVariation, delay);
  }

  @Override
  public SlicerToxic stream(Direction stream) {
    return new SlicerToxic(common.stream(stream), averageSize, sizeVariation, delay);
  }

  @Override
  public SlicerToxic upstream() {
    return stream(Direction.UPSTREAM);
  }

  @Override
  public SlicerToxic downstream() {
    return stream(Direction.DOWNSTREAM);
  }

  @Override
  public SlicerToxic toxicity(double toxicity) {
    return new SlicerToxic(common.toxicity(toxicity), averageSize, sizeVariation, delay);
  }
}
