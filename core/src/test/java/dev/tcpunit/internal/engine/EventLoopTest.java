package dev.tcpunit.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
@DisplayName("EventLoop")
class EventLoopTest {

  private static final long WAIT_SECONDS = 10;

  private final EventLoop loop = new EventLoop("tcpunit-test-loop");

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Nested
  @DisplayName("tasks")
  class Tasks {

    @Test
    @DisplayName("run on the loop thread, in submission order")
    void runInOrderOnLoop() throws Exception {
      loop.start();
      List<String> seen = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> done = new CompletableFuture<>();
      for (int i = 0; i < 100; i++) {
        int n = i;
        loop.execute(() -> seen.add(n + "@" + Thread.currentThread().getName()));
      }
      loop.execute(() -> done.complete(null));
      await(done);
      assertThat(seen).hasSize(100).allMatch(s -> s.endsWith("@tcpunit-test-loop"));
      assertThat(seen.get(0)).startsWith("0@");
      assertThat(seen.get(99)).startsWith("99@");
    }

    @Test
    @DisplayName("call() returns the task's result, or throws what it threw")
    void call() throws Exception {
      loop.start();
      assertThat(loop.call(loop::inLoop)).isTrue();
      assertThat(loop.inLoop()).isFalse();
      assertThatThrownBy(
              () ->
                  loop.call(
                      () -> {
                        throw new IOException("boom");
                      }))
          .isInstanceOf(IOException.class)
          .hasMessage("boom");
      assertThatThrownBy(
              () ->
                  loop.call(
                      () -> {
                        throw new IllegalStateException("bad");
                      }))
          .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("a task that throws does not stop the loop")
    void survivesFailingTask() throws Exception {
      CompletableFuture<Throwable> reported = new CompletableFuture<>();
      loop.execute(
          () -> Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.complete(e)));
      loop.start();
      loop.execute(
          () -> {
            throw new IllegalStateException("task failed");
          });
      assertThat(await(reported)).hasMessage("task failed");
      assertThat(loop.call(() -> "still running")).isEqualTo("still running");
    }

    @Test
    @DisplayName("tasks submitted before close() run; later ones are rejected")
    void closeRunsQueuedTasks() {
      loop.start();
      CountDownLatch ran = new CountDownLatch(1);
      loop.execute(ran::countDown);
      loop.close();
      assertThat(ran.getCount()).isZero();
      assertThat(loop.isTerminated()).isTrue();
      assertThatThrownBy(() -> loop.execute(() -> {}))
          .isInstanceOf(RejectedExecutionException.class)
          .hasMessage("Event loop tcpunit-test-loop is closed");
    }

    @Test
    @DisplayName("a loop closed before it started runs its tasks on the closing thread")
    void closeBeforeStart() {
      AtomicReference<String> ranOn = new AtomicReference<>();
      loop.execute(() -> ranOn.set(Thread.currentThread().getName()));
      loop.close();
      assertThat(ranOn.get()).isEqualTo(Thread.currentThread().getName());
      loop.start();
      assertThat(loop.isTerminated()).isTrue();
    }
  }

  @Nested
  @DisplayName("timers")
  class Timers {

    @Test
    @DisplayName("run on the loop thread, never before their delay")
    void notBeforeDelay() throws Exception {
      loop.start();
      Duration delay = Duration.ofMillis(50);
      long scheduled = System.nanoTime();
      CompletableFuture<Long> fired = new CompletableFuture<>();
      loop.schedule(delay, () -> fired.complete(System.nanoTime()));
      assertThat(Duration.ofNanos(await(fired) - scheduled)).isGreaterThanOrEqualTo(delay);
    }

    @Test
    @DisplayName("a timer cancelled before it ran never runs, from the loop or another thread")
    void cancel() throws Exception {
      loop.start();
      List<String> ran = new CopyOnWriteArrayList<>();
      ScheduledTask outside = loop.schedule(Duration.ofMillis(20), () -> ran.add("outside"));
      boolean cancelledOutside = outside.cancel();
      assertThat(outside.cancel()).isFalse();
      boolean cancelledInside =
          loop.call(() -> loop.schedule(Duration.ZERO, () -> ran.add("inside")).cancel());
      assertThat(cancelledInside).isTrue();
      CompletableFuture<Void> later = new CompletableFuture<>();
      loop.schedule(Duration.ofMillis(60), () -> later.complete(null));
      await(later);
      assertThat(ran).doesNotContain("inside");
      assertThat(ran.contains("outside")).isEqualTo(!cancelledOutside);
      assertThat(outside.isCancelled()).isEqualTo(cancelledOutside);
      assertThat(outside.isDone()).isEqualTo(!cancelledOutside);
    }
  }

  @Nested
  @DisplayName("channels")
  class Channels {

    @Test
    @DisplayName("a registered channel's handler runs when it is ready")
    void readiness() throws Exception {
      ServerSocketChannel server = ServerSocketChannel.open();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      CompletableFuture<String> received = new CompletableFuture<>();
      loop.register(
          server,
          SelectionKey.OP_ACCEPT,
          new Handler() {
            @Override
            public void ready(SelectionKey key) throws IOException {
              SocketChannel accepted = server.accept();
              loop.register(accepted, SelectionKey.OP_READ, new Reader(accepted, received));
            }
          });
      loop.start();
      try (Socket client = new Socket()) {
        client.connect(server.getLocalAddress());
        client.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(await(received)).isEqualTo("hello");
      }
      loop.close();
      assertThat(server.isOpen()).isFalse();
    }

    @Test
    @DisplayName("register() from another thread once running fails with a clear message")
    void registerOffLoop() throws Exception {
      loop.start();
      try (SocketChannel channel = SocketChannel.open()) {
        assertThatThrownBy(() -> loop.register(channel, SelectionKey.OP_READ, new Handler() {}))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage(
                "Event loop tcpunit-test-loop is running: call this on its thread (from a task or"
                    + " a handler)");
      }
    }

    @Test
    @DisplayName("a handler that throws is told through failed(), and the loop goes on")
    void failingHandler() throws Exception {
      ServerSocketChannel server = ServerSocketChannel.open();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      CompletableFuture<Exception> failed = new CompletableFuture<>();
      loop.register(
          server,
          SelectionKey.OP_ACCEPT,
          new Handler() {
            @Override
            public void ready(SelectionKey key) throws IOException {
              key.cancel();
              server.accept().close();
              throw new IOException("handler failed");
            }

            @Override
            public void failed(Exception error) {
              failed.complete(error);
            }
          });
      loop.start();
      try (Socket client = new Socket()) {
        client.connect(server.getLocalAddress());
        assertThat(await(failed)).hasMessage("handler failed");
      }
      assertThat(loop.call(() -> 42)).isEqualTo(42);
    }
  }

  /** A handler that does nothing unless overridden. */
  private interface Handler extends IoHandler {
    @Override
    default void ready(SelectionKey key) throws IOException {}

    @Override
    default void failed(Exception error) {}
  }

  /** Reads everything into the loop's buffer and completes with the text at end of stream. */
  private final class Reader implements IoHandler {
    private final SocketChannel channel;
    private final CompletableFuture<String> received;
    private final InputBuffer in = new InputBuffer();

    Reader(SocketChannel channel, CompletableFuture<String> received) {
      this.channel = channel;
      this.received = received;
    }

    @Override
    public void ready(SelectionKey key) throws IOException {
      ByteBuffer buffer = loop.ioBuffer();
      int n = channel.read(buffer);
      if (n > 0) {
        in.append(buffer.flip());
      }
      if (in.size() >= 5) {
        received.complete(new String(in.take(5), StandardCharsets.UTF_8));
      }
    }

    @Override
    public void failed(Exception error) {
      received.completeExceptionally(error);
    }
  }
}
