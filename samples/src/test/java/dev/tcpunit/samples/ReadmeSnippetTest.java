package dev.tcpunit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keeps the README's example identical to the compiled sample it is taken from. */
@DisplayName("The README's example")
class ReadmeSnippetTest {

  private static final Path README = Path.of("..", "README.md");
  private static final Path SAMPLE =
      Path.of("src/test/java/dev/tcpunit/samples/http/FirstConnectionResetSample.java");

  @Test
  @DisplayName("is FirstConnectionResetSample, character for character, from its imports on")
  void isTheSample() throws IOException {
    String source = read(SAMPLE);
    String sample = source.substring(source.indexOf("import "));
    String readme = between(read(README), "```java", "```");

    assertThat(readme.strip())
        .as("README.md's java block; copy %s from its first import on", SAMPLE)
        .isEqualTo(sample.strip());
  }

  private static String read(Path path) throws IOException {
    return Files.readString(path, StandardCharsets.UTF_8);
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertThat(from).as("position of %s", start).isNotNegative();
    from += start.length();
    int to = text.indexOf(end, from);
    assertThat(to).as("position of %s", end).isNotNegative();
    return text.substring(from, to);
  }
}
