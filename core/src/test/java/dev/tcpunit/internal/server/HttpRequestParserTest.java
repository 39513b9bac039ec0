package dev.tcpunit.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.internal.engine.InputBuffer;
import dev.tcpunit.server.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("HttpRequestParser")
class HttpRequestParserTest {

  private static InputBuffer input(String text) {
    InputBuffer in = new InputBuffer();
    in.append(text.getBytes(StandardCharsets.ISO_8859_1));
    return in;
  }

  private static HttpRequest parse(String text) throws BadRequestException {
    InputBuffer in = input(text);
    HttpRequest request = new HttpRequestParser(1).parse(in);
    assertThat(request).as("a complete request").isNotNull();
    assertThat(in.isEmpty()).as("all bytes consumed").isTrue();
    return request;
  }

  /** Feeds the bytes one at a time; the request completes exactly with the last one. */
  private static HttpRequest parseByteByByte(String text) throws BadRequestException {
    HttpRequestParser parser = new HttpRequestParser(7);
    InputBuffer in = new InputBuffer();
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < bytes.length - 1; i++) {
      in.append(new byte[] {bytes[i]});
      assertThat(parser.parse(in)).as("after %d of %d bytes", i + 1, bytes.length).isNull();
    }
    in.append(new byte[] {bytes[bytes.length - 1]});
    HttpRequest request = parser.parse(in);
    assertThat(request).isNotNull();
    return request;
  }

  private static String error(String text) {
    BadRequestException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            BadRequestException.class, () -> new HttpRequestParser(1).parse(input(text)));
    assertThat(e).as("a bad request").isNotNull();
    return e.getMessage();
  }

  @Nested
  @DisplayName("reads")
  class Reads {

    @Test
    @DisplayName("a request without a body")
    void noBody() throws Exception {
      HttpRequest request = parse("GET /a?b=c HTTP/1.1\r\nHost: example\r\nAccept: */*\r\n\r\n");
      assertThat(request.method()).isEqualTo("GET");
      assertThat(request.target()).isEqualTo("/a?b=c");
      assertThat(request.version()).isEqualTo("HTTP/1.1");
      assertThat(request.headers())
          .containsExactly(Map.entry("Host", "example"), Map.entry("Accept", "*/*"));
      assertThat(request.body()).isEmpty();
      assertThat(request.connection()).isEqualTo(1);
    }

    @Test
    @DisplayName("a Content-Length body, byte by byte")
    void contentLength() throws Exception {
      HttpRequest request =
          parseByteByByte("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\nhello world");
      assertThat(request.bodyText()).isEqualTo("hello world");
      assertThat(request.connection()).isEqualTo(7);
    }

    @Test
    @DisplayName("a chunked body with extensions and trailers, byte by byte")
    void chunked() throws Exception {
      HttpRequest request =
          parseByteByByte(
              "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                  + "4;ext=1\r\nWiki\r\n"
                  + "A \r\npedia in\r\n\r\n"
                  + "0\r\nExpires: never\r\nX-Sum: 1\r\n\r\n");
      assertThat(request.bodyText()).isEqualTo("Wikipedia in\r\n");
      assertThat(request.header("transfer-encoding")).contains("gzip, chunked");
    }

    @Test
    @DisplayName("bare LF line endings and empty lines before the request line")
    void lenientLines() throws Exception {
      HttpRequest request = parse("\r\n\nDELETE /x HTTP/1.0\nContent-Length: 1\n\nz");
      assertThat(request.method()).isEqualTo("DELETE");
      assertThat(request.bodyText()).isEqualTo("z");
    }

    @Test
    @DisplayName("one request at a time, leaving the pipelined next one buffered")
    void pipelined() throws Exception {
      InputBuffer in =
          input("GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\nContent-Length: 2\r\n\r\nokGET");
      assertThat(new HttpRequestParser(1).parse(in).target()).isEqualTo("/1");
      HttpRequest second = new HttpRequestParser(1).parse(in);
      assertThat(second.target()).isEqualTo("/2");
      assertThat(second.bodyText()).isEqualTo("ok");
      assertThat(in.size()).isEqualTo(3);
      assertThat(new HttpRequestParser(1).parse(in)).isNull();
    }

    @Test
    @DisplayName("Expect: 100-continue asks for 100 Continue once, only when a body follows")
    void expectContinue() throws Exception {
      HttpRequestParser parser = new HttpRequestParser(1);
      InputBuffer in = input("PUT / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n");
      assertThat(parser.parse(in)).isNull();
      assertThat(parser.takeContinue()).isTrue();
      assertThat(parser.takeContinue()).isFalse();
      in.append("ab".getBytes(StandardCharsets.US_ASCII));
      assertThat(parser.parse(in).bodyText()).isEqualTo("ab");

      HttpRequestParser noBody = new HttpRequestParser(1);
      assertThat(noBody.parse(input("GET / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n"))).isNotNull();
      assertThat(noBody.takeContinue()).isFalse();
    }

    @Test
    @DisplayName("a head of exactly 64 KiB")
    void largestHead() throws Exception {
      String start = "GET / HTTP/1.1\r\nX: ";
      String value = "v".repeat(HttpRequestParser.MAX_HEAD_BYTES - start.length() - 4);
      assertThat(parse(start + value + "\r\n\r\n").header("x")).contains(value);
    }
  }

  @Nested
  @DisplayName("rejects")
  class Rejects {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            a request line without version | GET /\\r\\n\\r\\n                                      | malformed request line: "GET /"
            an unknown version             | GET / HTTP/2.0\\r\\n\\r\\n                             | unsupported protocol version: "HTTP/2.0" (expected: HTTP/1.0 or HTTP/1.1)
            a space in the target          | GET /a b HTTP/1.1\\r\\n\\r\\n                          | malformed request line: "GET /a b HTTP/1.1"
            a header without colon         | GET / HTTP/1.1\\r\\nHost\\r\\n\\r\\n                   | malformed header line: "Host"
            whitespace before the colon    | GET / HTTP/1.1\\r\\nHost : x\\r\\n\\r\\n               | malformed header line: "Host : x"
            obsolete line folding          | GET / HTTP/1.1\\r\\nA: b\\r\\n c\\r\\n\\r\\n           | obsolete line folding: " c"
            a bare CR                      | GET / HTTP/1.1\\r\\nA: b\\rc\\r\\n\\r\\n               | bare CR in line "A: b\\x0dc"
            a bad Content-Length           | POST / HTTP/1.1\\r\\nContent-Length: -1\\r\\n\\r\\n    | invalid Content-Length: "-1"
            conflicting Content-Lengths    | POST / HTTP/1.1\\r\\nContent-Length: 1, 2\\r\\n\\r\\n  | conflicting Content-Length values: "1, 2"
            a body over 16 MiB             | POST / HTTP/1.1\\r\\nContent-Length: 16777217\\r\\n\\r\\n | request body larger than 16777216 bytes (Content-Length: 16777217)
            Content-Length and chunked     | POST / HTTP/1.1\\r\\nContent-Length: 1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n | both Content-Length and Transfer-Encoding
            a coding other than chunked    | POST / HTTP/1.1\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n | Transfer-Encoding "gzip" does not end with chunked
            a bad chunk size               | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nxyz\\r\\n | invalid chunk size: "xyz"
            chunk data without CRLF        | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n1\\r\\nabc | chunk data not followed by CRLF
            """)
    void malformed(String what, String request, String message) {
      assertThat(error(request.replace("\\r", "\r").replace("\\n", "\n"))).isEqualTo(message);
    }

    @Test
    @DisplayName("a head over 64 KiB, before its end arrived")
    void headTooLarge() {
      assertThat(error("GET / HTTP/1.1\r\nX: " + "v".repeat(HttpRequestParser.MAX_HEAD_BYTES)))
          .isEqualTo("request head larger than 65536 bytes");
    }

    @Test
    @DisplayName("a chunked body over 16 MiB")
    void chunkedTooLarge() {
      assertThat(error("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1000001\r\n"))
          .isEqualTo("request body larger than 16777216 bytes");
    }

    @Test
    @DisplayName("a header with a control character")
    void controlCharacter() {
      assertThatThrownBy(
              () -> new HttpRequestParser(1).parse(input("GET / HTTP/1.1\r\nA: \u0001\r\n\r\n")))
          .isInstanceOf(BadRequestException.class)
          .hasMessage("control character in header: \"A: \\x01\"");
    }
  }
}
