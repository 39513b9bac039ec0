package dev.tcpunit.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
@DisplayName("ReadSet, the buffers of a loop's scattering reads")
class ReadSetTest {

  private static final int BUFFER = BufferPool.BUFFER_SIZE;

  private final ReadSet reads = new ReadSet(new BufferPool());
  private ServerSocketChannel listener;
  private SocketChannel writer;
  private SocketChannel source;

  @BeforeEach
  void connect() throws IOException {
    listener = ServerSocketChannel.open();
    // Room for several buffers' worth of bytes waiting to be read, whatever the system default.
    listener.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    writer = SocketChannel.open(listener.getLocalAddress());
    writer.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
    source = listener.accept();
  }

  @AfterEach
  void close() throws IOException {
    source.close();
    writer.close();
    listener.close();
  }

  /** Writes n bytes and waits, at most 10 s, until the source has them all to read at once. */
  private void arrive(int n) throws IOException {
    arrive(ByteBuffer.allocate(n));
  }

  private void arrive(ByteBuffer bytes) throws IOException {
    int n = bytes.remaining();
    while (bytes.hasRemaining()) {
      writer.write(bytes);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (source.socket().getInputStream().available() < n) {
      assertThat(System.nanoTime()).as("all %d bytes arrived in time", n).isLessThan(deadline);
      LockSupport.parkNanos(1_000_000);
    }
  }

  @Test
  @DisplayName("starts with one buffer and uses one more after each read that filled them all")
  void growsWithFullReads() throws IOException {
    arrive(3 * BUFFER);

    assertThat(reads.read(source)).isEqualTo(BUFFER);
    assertThat(reads.filled()).isEqualTo(1);
    assertThat(reads.wasFull()).isTrue();

    assertThat(reads.read(source)).isEqualTo(2 * BUFFER);
    assertThat(reads.filled()).isEqualTo(2);
    assertThat(reads.wasFull()).isTrue();

    arrive(10);
    assertThat(reads.read(source)).isEqualTo(10);
    assertThat(reads.filled()).isEqualTo(1);
    assertThat(reads.wasFull()).isFalse();
  }

  @Test
  @DisplayName("keeps the unwritten buffers for the flow and writes them back in order")
  void keepsWhatWasNotWritten() throws IOException {
    ByteBuffer numbered = ByteBuffer.allocate(300);
    for (int i = 0; i < 300; i++) {
      numbered.put((byte) i);
    }
    numbered.flip();
    arrive(numbered);
    assertThat(reads.read(source)).isEqualTo(300);
    reads.buffers()[0].position(100);
    ArrayDeque<ByteBuffer> held = new ArrayDeque<>();

    assertThat(reads.keepUnwritten(held)).isEqualTo(200);
    assertThat(held)
        .singleElement()
        .satisfies(b -> assertThat(b.get(b.position())).isEqualTo((byte) 100));

    try (SocketChannel sink = SocketChannel.open(listener.getLocalAddress());
        SocketChannel peer = listener.accept()) {
      assertThat(reads.writeHeld(held, sink)).isEqualTo(200);
      assertThat(held).isEmpty();
      ByteBuffer received = ByteBuffer.allocate(200);
      while (received.hasRemaining()) {
        peer.read(received);
      }
      assertThat(received.get(0)).isEqualTo((byte) 100);
      assertThat(received.get(199)).isEqualTo((byte) 299);
    }
  }

  @Test
  @DisplayName("past its budget of held buffers, a read fills one buffer, so memory stays bounded")
  void heldBuffersAreBudgeted() throws IOException {
    arrive(3 * BUFFER);
    reads.read(source);
    reads.read(source);
    // Each of these flows holds one small read, as flows whose sinks stopped reading do.
    ArrayDeque<ArrayDeque<ByteBuffer>> flows = new ArrayDeque<>();
    for (int i = 0; i < ReadSet.HELD_BUDGET; i++) {
      assertThat(reads.overBudget()).isFalse();
      arrive(10);
      assertThat(reads.read(source)).isEqualTo(10);
      ArrayDeque<ByteBuffer> flow = new ArrayDeque<>();
      reads.keepUnwritten(flow);
      flows.add(flow);
    }
    assertThat(reads.overBudget()).isTrue();

    arrive(3 * BUFFER);
    assertThat(reads.read(source)).as("bytes one read takes over the budget").isEqualTo(BUFFER);
    assertThat(reads.filled()).isEqualTo(1);

    for (ArrayDeque<ByteBuffer> flow : flows) {
      reads.release(flow);
      assertThat(flow).isEmpty();
    }
    assertThat(reads.overBudget()).isFalse();
    assertThat(reads.read(source))
        .as("bytes one read takes within the budget")
        .isEqualTo(2 * BUFFER);
  }
}
