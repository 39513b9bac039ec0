package dev.tcpunit.internal.proxy;

import dev.tcpunit.proxy.Toxic;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The chain of toxic stages of one direction of one connection, in the order the toxics were added,
 * ending at the sink that writes to the peer. Runs on the connection's loop thread only.
 */
final class Pipeline implements Receiver {

  private final Receiver sink;
  private final List<Stage> stages = new ArrayList<>(2);

  Pipeline(Receiver sink) {
    this.sink = sink;
  }

  boolean isEmpty() {
    return stages.isEmpty();
  }

  /**
   * Appends a stage; what earlier stages hold will pass through it.
   *
   * @param stage a stage whose receiver is this pipeline's sink
   */
  void add(Stage stage) {
    stage.next = sink;
    if (!stages.isEmpty()) {
      stages.get(stages.size() - 1).next = stage;
    }
    stages.add(stage);
  }

  /**
   * Removes the stage of a toxic: what it held passes on at once.
   *
   * @param name the toxic's name
   * @param now the current instant
   * @return {@code true} if a stage of that name was there
   */
  boolean remove(String name, long now) {
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      if (stage.name.equals(name)) {
        stage.remove(now);
        int index = stages.indexOf(stage);
        if (index >= 0) {
          if (index > 0) {
            stages.get(index - 1).next = stage.next;
          }
          stages.remove(index);
        }
        return true;
      }
    }
    return false;
  }

  /**
   * Gives the stage of a toxic new attributes in place.
   *
   * @param toxic the toxic with its new attributes
   * @param now the current instant
   * @return {@code true} if a stage of that name was there
   */
  boolean update(Toxic toxic, long now) {
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      if (stage.name.equals(toxic.name())) {
        stage.update(toxic, now);
        return true;
      }
    }
    return false;
  }

  /** Forgets every stage, without passing anything on: the connection is gone. */
  void clear() {
    stages.clear();
  }

  @Override
  public void offer(Chunk chunk, long now) {
    head().offer(chunk, now);
  }

  @Override
  public void end(long now, @Nullable Fault fault) {
    head().end(now, fault);
  }

  private Receiver head() {
    return stages.isEmpty() ? sink : stages.get(0);
  }

  /**
   * Runs the stages whose deadline has come, in chain order.
   *
   * @param now the current instant
   */
  void runDue(long now) {
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      if (stage.deadline <= now) {
        stage.pump(now);
      }
    }
  }

  /**
   * The earliest deadline of any stage.
   *
   * @return the instant, or {@link Stage#NEVER}
   */
  long deadline() {
    long earliest = Stage.NEVER;
    for (int i = 0; i < stages.size(); i++) {
      earliest = Math.min(earliest, stages.get(i).deadline);
    }
    return earliest;
  }
}
