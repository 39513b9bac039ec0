package dev.tcpunit.internal.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A single-threaded, non-blocking event loop: one daemon thread runs a {@link Selector}, the {@link
 * IoHandler}s of the channels registered with it, {@link ScheduledTask timers}, and tasks submitted
 * from other threads. Everything a loop owns is touched on its thread only, so handlers need no
 * locks.
 *
 * <p>Lifecycle: create, {@link #register} the first channels, {@link #start()}; {@link #close()}
 * runs the tasks already submitted, closes every channel still registered and the selector, and
 * waits for the thread to end.
 */
public final class EventLoop implements Executor, AutoCloseable {

  /** The size of the loop's I/O buffer, and so the most bytes one read or write moves. */
  public static final int IO_BUFFER_SIZE = 16 * 1024;

  private final String name;
  private final Selector selector;
  private final Thread thread;
  private final TaskQueue tasks = new TaskQueue();
  private final TimerQueue timers = new TimerQueue();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private final AtomicLong sequence = new AtomicLong();
  private final Object lifecycle = new Object();
  private boolean started;
  private volatile boolean closing;
  private volatile boolean terminated;
  private ByteBuffer ioBuffer = ByteBuffer.allocate(0);
  private final long spinNanos;
  private long lastActive;
  private boolean streaming;

  /**
   * Opens the loop's selector; the thread starts with {@link #start()}. The loop sleeps in the
   * selector whenever it has nothing to do.
   *
   * @param name the thread's name, for example {@code tcpunit-server-41000}
   * @throws UncheckedIOException if the selector cannot be opened
   */
  public EventLoop(String name) {
    this(name, Duration.ZERO);
  }

  /**
   * Opens a loop that polls instead of sleeping for a while after each readiness, and before each
   * timer: a relay's next event then costs no thread wake-up, at the price of a busy core while
   * traffic flows. It polls only while the system load leaves a core to spare. The thread starts
   * with {@link #start()}.
   *
   * @param name the thread's name, for example {@code tcpunit-proxy-db}
   * @param spin how long to keep polling after the last readiness, and how long before a timer's
   *     deadline to poll rather than sleep; zero never polls
   * @throws UncheckedIOException if the selector cannot be opened
   */
  public EventLoop(String name, Duration spin) {
    this.name = Objects.requireNonNull(name, "name");
    this.spinNanos = Math.max(0, saturatedNanos(spin));
    this.lastActive = System.nanoTime();
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open a selector for " + name, e);
    }
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  /**
   * The loop's name, which is its thread's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /** Starts the loop's thread. Does nothing if it was started or closed already. */
  public void start() {
    synchronized (lifecycle) {
      if (started || closing) {
        return;
      }
      started = true;
    }
    thread.start();
  }

  /**
   * Tells whether the caller runs on this loop's thread.
   *
   * @return {@code true} on the loop thread
   */
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /**
   * Registers a channel, making it non-blocking. Only on the loop thread, or before {@link
   * #start()}.
   *
   * @param channel the channel
   * @param ops the interest set, {@link SelectionKey} {@code OP_…} bits
   * @param handler what reacts to the channel's readiness
   * @return the channel's key, whose interest set the handler changes as it goes
   * @throws IOException if the channel is closed or cannot be made non-blocking
   */
  public SelectionKey register(SelectableChannel channel, int ops, IoHandler handler)
      throws IOException {
    requireOwner();
    channel.configureBlocking(false);
    return channel.register(selector, ops, handler);
  }

  /**
   * Finishes closing the channels closed on this loop so far: the selector releases them, so their
   * ports and file descriptors are free when this returns (a registered channel's close is
   * otherwise completed at the next selection). Only on the loop thread, or before {@link
   * #start()}.
   */
  public void flushClosed() {
    requireOwner();
    try {
      selector.selectNow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A heap buffer of {@link #IO_BUFFER_SIZE} bytes for one read or write at a time, shared by every
   * handler of this loop; only on the loop thread, and never kept across calls.
   *
   * @return the buffer, cleared
   */
  public ByteBuffer ioBuffer() {
    requireOwner();
    if (ioBuffer.capacity() == 0) {
      ioBuffer = ByteBuffer.allocate(IO_BUFFER_SIZE);
    }
    return ioBuffer.clear();
  }

  /**
   * Tells the loop that the handler running now moved a large amount of bytes: until the next
   * readiness the loop sleeps rather than polls, as the threads that produce and consume a stream
   * need the processor more than a polling loop does. Only on the loop thread.
   */
  public void streaming() {
    streaming = true;
  }

  /**
   * Runs a task on the loop thread, after the tasks submitted before it. Safe from any thread.
   *
   * @param task the task
   * @throws RejectedExecutionException if the loop has terminated
   */
  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    if (!tasks.offer(task)) {
      throw new RejectedExecutionException("Event loop " + name + " is closed");
    }
    if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
      selector.wakeup();
      LockSupport.unpark(thread);
    }
  }

  /**
   * Runs a task on the loop thread and waits for its result; runs it at once when called on the
   * loop thread. Waiting is not interruptible (tasks are short); an interrupt is kept.
   *
   * @param task the task
   * @param <T> the result's type
   * @return what the task returned
   * @throws IOException if the task threw it
   * @throws RejectedExecutionException if the loop has terminated
   */
  public <T> T call(LoopCall<T> task) throws IOException {
    if (inLoop()) {
      return task.call();
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    execute(
        () -> {
          try {
            result.complete(task.call());
          } catch (Throwable e) {
            result.completeExceptionally(e);
          }
        });
    try {
      return result.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /**
   * Runs a task on the loop thread once a delay has passed (never earlier). Safe from any thread.
   *
   * @param delay how long to wait; zero or negative runs it at the next turn of the loop
   * @param task the task
   * @return the handle that cancels it
   * @throws RejectedExecutionException if the loop has terminated
   */
  public ScheduledTask schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(task, "task");
    long nanos = Math.max(0, saturatedNanos(delay));
    ScheduledTask scheduled =
        new ScheduledTask(this, System.nanoTime() + nanos, sequence.incrementAndGet(), task);
    if (inLoop()) {
      timers.add(scheduled);
    } else {
      execute(
          () -> {
            if (!scheduled.isCancelled()) {
              timers.add(scheduled);
            }
          });
    }
    return scheduled;
  }

  void cancelled(ScheduledTask task) {
    if (inLoop()) {
      timers.remove(task);
    }
  }

  /**
   * Stops the loop: runs the tasks submitted so far, closes every registered channel and the
   * selector, and waits for the thread to end (unless called on the loop thread itself, which ends
   * after its current turn). Idempotent.
   */
  @Override
  public void close() {
    synchronized (lifecycle) {
      closing = true;
      if (!started) {
        if (!tasks.isClosed()) {
          shutdown();
        }
        return;
      }
    }
    selector.wakeup();
    LockSupport.unpark(thread);
    if (inLoop()) {
      return;
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Tells whether the loop has ended: its channels and selector are closed.
   *
   * @return {@code true} once terminated
   */
  public boolean isTerminated() {
    return terminated;
  }

  private void run() {
    try {
      while (!closing) {
        select();
        dispatch();
        tasks.runQueued(this::runSafely);
        timers.runDue(System.nanoTime(), this::runSafely);
      }
    } catch (Throwable e) {
      report(e);
    } finally {
      shutdown();
    }
  }

  private void select() throws IOException {
    wakeupPending.set(false);
    if (!tasks.isEmpty()) {
      selector.selectNow();
      return;
    }
    long now = System.nanoTime();
    long left = timers.nanosToNext(now);
    if (spinNanos > 0) {
      spinOrSelect(now, left);
      return;
    }
    if (left < 0) {
      selector.select();
    } else if (left == 0) {
      selector.selectNow();
    } else if (left >= 1_000_000) {
      // Whole milliseconds only: the selector cannot wait for less, so the rest is parked below.
      selector.select(left / 1_000_000);
    } else if (selector.selectNow() == 0 && tasks.isEmpty()) {
      // Under a millisecond to the next timer: park, precise to tens of microseconds, rather than
      // select for a whole millisecond; execute() unparks.
      LockSupport.parkNanos(this, left);
    }
  }

  /**
   * Polls while readiness came recently or a timer is due within the spin time, as long as the
   * machine has a processor to spare ({@link CpuPressure}: on a busy machine a polling thread only
   * takes time from the threads it waits for); otherwise sleeps until the spin time before the next
   * timer: in the selector for whole milliseconds, parked for less.
   */
  private void spinOrSelect(long now, long left) throws IOException {
    int ready;
    boolean recent = now - lastActive < spinNanos && !streaming;
    if ((recent || (left >= 0 && left <= spinNanos)) && CpuPressure.processorToSpare(now)) {
      ready = selector.selectNow();
      if (ready == 0) {
        Thread.onSpinWait();
      }
    } else if (left < 0) {
      ready = selector.select();
    } else if (left - spinNanos >= 1_000_000) {
      ready = selector.select((left - spinNanos) / 1_000_000);
    } else {
      ready = selector.selectNow();
      if (ready == 0 && tasks.isEmpty()) {
        LockSupport.parkNanos(
            this, Math.max(1, left - (CpuPressure.processorToSpare(now) ? spinNanos : 0)));
      }
    }
    if (ready > 0) {
      // The handlers about to run say again whether they stream.
      lastActive = System.nanoTime();
      streaming = false;
    }
  }

  private void dispatch() {
    Set<SelectionKey> selected = selector.selectedKeys();
    if (selected.isEmpty()) {
      return;
    }
    SelectionKey[] keys = selected.toArray(new SelectionKey[0]);
    selected.clear();
    for (SelectionKey key : keys) {
      if (key.isValid() && key.attachment() instanceof IoHandler handler) {
        try {
          handler.ready(key);
        } catch (IOException | RuntimeException e) {
          fail(handler, e);
        }
      }
    }
  }

  private void fail(IoHandler handler, Exception error) {
    try {
      handler.failed(error);
    } catch (RuntimeException e) {
      e.addSuppressed(error);
      report(e);
    }
  }

  private void runSafely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      report(e);
    }
  }

  private void shutdown() {
    tasks.close(this::runSafely);
    timers.clear();
    try {
      for (SelectionKey key : selector.keys()) {
        closeQuietly(key.channel());
      }
    } finally {
      closeQuietly(selector);
      terminated = true;
    }
  }

  private void requireOwner() {
    if (!inLoop()) {
      synchronized (lifecycle) {
        if (started) {
          throw new IllegalStateException(
              "Event loop "
                  + name
                  + " is running: call this on its thread (from a task or a handler)");
        }
      }
    }
  }

  private void report(Throwable e) {
    Thread current = Thread.currentThread();
    current.getUncaughtExceptionHandler().uncaughtException(current, e);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Closing on the way out: nothing left to tell.
    }
  }

  private static long saturatedNanos(Duration delay) {
    try {
      return delay.toNanos();
    } catch (ArithmeticException e) {
      return delay.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE / 2;
    }
  }
}
