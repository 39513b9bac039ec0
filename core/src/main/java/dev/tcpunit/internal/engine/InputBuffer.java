package dev.tcpunit.internal.engine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bytes received and not yet consumed, in arrival order; grows as needed and gives memory back when
 * emptied. Not thread-safe: owned by one connection on its loop.
 */
public final class InputBuffer {

  private static final byte[] EMPTY = new byte[0];
  private static final int MIN_CAPACITY = 512;
  private static final int KEEP_CAPACITY = 64 * 1024;

  private byte[] data = EMPTY;
  private int start;
  private int end;

  /** Creates an empty buffer; it allocates on the first append. */
  public InputBuffer() {}

  /**
   * How many bytes are buffered.
   *
   * @return the count
   */
  public int size() {
    return end - start;
  }

  /**
   * Tells whether nothing is buffered.
   *
   * @return {@code true} when empty
   */
  public boolean isEmpty() {
    return end == start;
  }

  /**
   * Appends the remaining bytes of a buffer, consuming them.
   *
   * @param src the bytes, in read mode
   */
  public void append(ByteBuffer src) {
    int n = src.remaining();
    ensureRoom(n);
    src.get(data, end, n);
    end += n;
  }

  /**
   * Appends bytes.
   *
   * @param bytes the bytes
   */
  public void append(byte[] bytes) {
    append(ByteBuffer.wrap(bytes));
  }

  /**
   * The byte at an offset from the first buffered byte.
   *
   * @param offset 0 to {@code size() - 1}
   * @return the byte
   */
  public byte get(int offset) {
    checkCount(offset + 1);
    return data[start + offset];
  }

  /**
   * Finds a byte.
   *
   * @param value the byte
   * @param from the offset to start at
   * @return the offset of the first occurrence at or after {@code from}, or -1
   */
  public int indexOf(byte value, int from) {
    for (int i = start + Math.max(0, from); i < end; i++) {
      if (data[i] == value) {
        return i - start;
      }
    }
    return -1;
  }

  /**
   * Finds a byte sequence.
   *
   * @param pattern the bytes, not empty
   * @param from the offset to start at
   * @return the offset of the first occurrence at or after {@code from}, or -1
   */
  public int indexOf(byte[] pattern, int from) {
    int last = end - pattern.length;
    outer:
    for (int i = start + Math.max(0, from); i <= last; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i - start;
    }
    return -1;
  }

  /**
   * Removes and returns the first bytes.
   *
   * @param count how many, at most {@link #size()}
   * @return the bytes
   */
  public byte[] take(int count) {
    checkCount(count);
    byte[] out = Arrays.copyOfRange(data, start, start + count);
    skip(count);
    return out;
  }

  /**
   * Removes the first bytes into a stream.
   *
   * @param count how many, at most {@link #size()}
   * @param out where to put them
   */
  public void transferTo(int count, ByteArrayOutputStream out) {
    checkCount(count);
    out.write(data, start, count);
    skip(count);
  }

  /**
   * Discards the first bytes.
   *
   * @param count how many, at most {@link #size()}
   */
  public void skip(int count) {
    checkCount(count);
    start += count;
    if (start == end) {
      clear();
    }
  }

  /** Discards everything buffered, giving back a large array. */
  public void clear() {
    start = 0;
    end = 0;
    if (data.length > KEEP_CAPACITY) {
      data = EMPTY;
    }
  }

  private void checkCount(int count) {
    if (count < 0 || count > size()) {
      throw new IndexOutOfBoundsException("count: " + count + " (expected: 0-" + size() + ")");
    }
  }

  private void ensureRoom(int n) {
    if (data.length - end >= n) {
      return;
    }
    int size = size();
    long needed = (long) size + n;
    if (needed > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("Input buffer full: " + size + " bytes");
    }
    if (needed <= data.length) {
      System.arraycopy(data, start, data, 0, size);
    } else {
      long capacity = Math.max(MIN_CAPACITY, data.length);
      while (capacity < needed) {
        capacity *= 2;
      }
      byte[] larger = new byte[(int) Math.min(capacity, Integer.MAX_VALUE - 8)];
      System.arraycopy(data, start, larger, 0, size);
      data = larger;
    }
    start = 0;
    end = size;
  }
}
