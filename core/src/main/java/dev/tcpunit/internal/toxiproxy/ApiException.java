package dev.tcpunit.internal.toxiproxy;

/**
 * An error the admin API answers with, as Toxiproxy does: an HTTP status and a message, sent as
 * {@code {"error":"<message>","status":<status>}}.
 */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  /**
   * The HTTP status of the answer.
   *
   * @return for example 404
   */
  public int status() {
    return status;
  }

  static ApiException badRequestBody(String detail) {
    return new ApiException(400, "bad request body: " + detail);
  }

  static ApiException missingField(String field) {
    return new ApiException(400, "missing required field: " + field);
  }

  static ApiException proxyNotFound() {
    return new ApiException(404, "proxy not found");
  }

  static ApiException proxyAlreadyExists() {
    return new ApiException(409, "proxy already exists");
  }

  static ApiException invalidStream() {
    return new ApiException(400, "stream was invalid, can be either upstream or downstream");
  }

  static ApiException invalidToxicType() {
    return new ApiException(400, "invalid toxic type");
  }

  static ApiException toxicAlreadyExists() {
    return new ApiException(409, "toxic already exists");
  }

  static ApiException toxicNotFound() {
    return new ApiException(404, "toxic not found");
  }

  static ApiException internal(String message) {
    return new ApiException(500, message);
  }
}
