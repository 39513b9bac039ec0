package dev.tcpunit.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("InputBuffer")
class InputBufferTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  @DisplayName("keeps bytes in arrival order across appends and takes")
  void order() {
    InputBuffer in = new InputBuffer();
    in.append(bytes("hello "));
    in.append(bytes("world"));
    assertThat(in.size()).isEqualTo(11);
    assertThat(in.take(6)).isEqualTo(bytes("hello "));
    in.append(bytes("!"));
    assertThat(in.get(0)).isEqualTo((byte) 'w');
    assertThat(in.take(in.size())).isEqualTo(bytes("world!"));
    assertThat(in.isEmpty()).isTrue();
  }

  @Test
  @DisplayName("finds bytes and sequences, also across a compaction")
  void indexOf() {
    InputBuffer in = new InputBuffer();
    for (int i = 0; i < 100; i++) {
      in.append(bytes("x".repeat(300)));
      in.skip(290);
    }
    in.append(bytes("ab\r\ncd\r\n\r\n"));
    int base = in.size() - 10;
    assertThat(in.indexOf((byte) '\n', 0)).isEqualTo(base + 3);
    assertThat(in.indexOf((byte) '\n', base + 4)).isEqualTo(base + 7);
    assertThat(in.indexOf(bytes("\r\n\r\n"), 0)).isEqualTo(base + 6);
    assertThat(in.indexOf(bytes("zz"), 0)).isEqualTo(-1);
    assertThat(in.indexOf((byte) 'q', 0)).isEqualTo(-1);
  }

  @Test
  @DisplayName("grows to hold large input, and gives the memory back when emptied")
  void grows() {
    InputBuffer in = new InputBuffer();
    byte[] big = new byte[1 << 20];
    big[big.length - 1] = 7;
    in.append(big);
    in.append(bytes("tail"));
    assertThat(in.size()).isEqualTo(big.length + 4);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(big.length, out);
    assertThat(out.toByteArray()).isEqualTo(big);
    assertThat(in.take(4)).isEqualTo(bytes("tail"));
    in.clear();
    assertThat(in.isEmpty()).isTrue();
  }

  @Test
  @DisplayName("refuses to take more than it has")
  void bounds() {
    InputBuffer in = new InputBuffer();
    in.append(bytes("ab"));
    assertThatThrownBy(() -> in.take(3))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("count: 3 (expected: 0-2)");
    assertThatThrownBy(() -> in.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
