package dev.tcpunit.internal.server;

/** A request that is not well-formed HTTP/1.1; the message says what is wrong with it. */
public final class BadRequestException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, for example {@code invalid Content-Length: "abc"}
   */
  public BadRequestException(String message) {
    super(message);
  }
}
