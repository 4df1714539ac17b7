package io.strata.infra.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the client can act on, answered as an RFC 9457 {@code application/problem+json} with its
 * status, a short title, a detail naming what was wrong and where, and optional extension members.
 */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String type;
  private final String title;
  private final Map<String, Object> extensions = new LinkedHashMap<>();
  private Long retryAfterSeconds;

  public ProblemException(int status, String type, String title, String detail) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
  }

  public static ProblemException badRequest(String type, String detail) {
    return new ProblemException(400, type, "Bad request", detail);
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "not-found", "Not found", detail);
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "conflict", "Conflict", detail);
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(403, "forbidden", "Forbidden", detail);
  }

  /** Adds an extension member, such as {@code line} or {@code column}. */
  public ProblemException with(String name, Object value) {
    extensions.put(name, value);
    return this;
  }

  /** Asks the client to retry after this many seconds ({@code Retry-After}). */
  public ProblemException retryAfter(long seconds) {
    this.retryAfterSeconds = seconds;
    return this;
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }

  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
