package io.strata.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The few calls of the Strata HTTP API the benchmark makes, over one HTTP/1.1 connection pool. Every
 * call has a timeout; ingest retries 429/503 (honouring Retry-After) and broken connections a
 * bounded number of times.
 */
final class StrataClient {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The answer to an ingest request. */
  record Ack(int accepted, int rejected, String firstError) {}

  /** The answer to a search, with the client-side wall time. */
  record Result(long total, String relation, int events, long tookMs, long clientNanos) {}

  private static final int MAX_ATTEMPTS = 20;

  private final String base;
  private final String management;
  private final HttpClient http;

  StrataClient(String base) {
    this(base, "http://127.0.0.1:9000");
  }

  /** A client of the API at {@code base} whose health and metrics are at {@code management}. */
  StrataClient(String base, String management) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.management = management;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  String base() {
    return base;
  }

  /** GET {@code path}; the status and body, or status -1 when the server cannot be reached. */
  HttpResponse<String> get(String path, String bearer, Duration timeout) throws InterruptedException {
    // Health and metrics are served on the management port only.
    String root = path.startsWith("/q/") ? management : base;
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path)).timeout(timeout).GET();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    }
  }

  /** POSTs {@code body} as JSON and expects {@code expectedStatus}; returns the parsed answer. */
  JsonNode postJson(String path, String bearer, Object body, int expectedStatus)
      throws IOException, InterruptedException {
    return sendJson("POST", path, bearer, body, expectedStatus);
  }

  /** PUTs {@code body} as JSON and expects {@code expectedStatus}; returns the parsed answer. */
  JsonNode putJson(String path, String bearer, Object body, int expectedStatus)
      throws IOException, InterruptedException {
    return sendJson("PUT", path, bearer, body, expectedStatus);
  }

  /** PATCHes {@code body} as JSON and expects {@code expectedStatus}; returns the parsed answer. */
  JsonNode patchJson(String path, String bearer, Object body, int expectedStatus)
      throws IOException, InterruptedException {
    return sendJson("PATCH", path, bearer, body, expectedStatus);
  }

  private JsonNode sendJson(String method, String path, String bearer, Object body,
      int expectedStatus) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + bearer)
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expectedStatus) {
      throw new IOException(method + " " + path + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return response.body().isBlank() ? null : JSON.readTree(response.body());
  }

  /** Sends one NDJSON body; retries on 429, 503 and I/O errors, bounded. */
  Ack ingest(String key, byte[] body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/ingest"))
        .timeout(Duration.ofSeconds(120))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    IOException last = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        last = e;
        Thread.sleep(500L * attempt);
        continue;
      }
      int status = response.statusCode();
      if (status == 200) {
        JsonNode answer = JSON.readTree(response.body());
        JsonNode errors = answer.path("errors");
        return new Ack(answer.path("accepted").asInt(), answer.path("rejected").asInt(),
            errors.isArray() && !errors.isEmpty() ? errors.get(0).toString() : null);
      }
      if (status == 429 || status == 503) {
        long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
        last = new IOException("ingest answered " + status + ": " + response.body());
        Thread.sleep(Math.min(10, Math.max(1, seconds)) * 1000L);
        continue;
      }
      throw new IOException("ingest answered " + status + ": " + response.body());
    }
    throw new IOException("ingest failed after " + MAX_ATTEMPTS + " attempts", last);
  }

  /** One search; throws unless the answer is 200. */
  Result search(String key, String q, String from, String to, int limit)
      throws IOException, InterruptedException {
    return request(key, "/api/v1/search", q, from, to, limit, null);
  }

  /**
   * One read request ({@code /api/v1/search}, {@code /histogram}, {@code /facets}, {@code /fields})
   * with {@code extra} query parameters appended; throws unless the answer is 200. {@code events}
   * counts events, buckets or facet fields, whichever the answer has.
   */
  Result request(String key, String path, String q, String from, String to, int limit,
      String extra) throws IOException, InterruptedException {
    String query = "q=" + encode(q) + "&from=" + encode(from) + "&to=" + encode(to) + "&limit=" + limit
        + (extra == null ? "" : "&" + extra);
    long started = System.nanoTime();
    Answer response = blockingGet(base + path + "?" + query, key);
    long nanos = System.nanoTime() - started;
    if (response.status() != 200) {
      throw new IOException("search '" + q + "' answered " + response.status() + ": "
          + new String(response.body(), StandardCharsets.UTF_8));
    }
    JsonNode answer = JSON.readTree(response.body());
    int items = answer.has("events") ? answer.path("events").size()
        : answer.has("buckets") ? answer.path("buckets").size()
        : answer.has("facets") ? answer.path("facets").size() : answer.path("fields").size();
    return new Result(answer.path("total").asLong(), answer.path("total_relation").asText(),
        items, answer.path("took_ms").asLong(), nanos);
  }

  /**
   * The client's own floor: the median round trip of {@code runs} requests for the management
   * port's liveness check, which does no work, timed as {@link #request} times a search.
   */
  double floorMillis(int runs) throws IOException {
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long started = System.nanoTime();
      blockingGet(management + "/q/health/live", null);
      millis[i] = (System.nanoTime() - started) / 1e6;
    }
    java.util.Arrays.sort(millis);
    return millis[runs / 2];
  }

  private record Answer(int status, byte[] body) {}

  /**
   * A GET over the JDK's blocking HTTP/1.1 client with keep-alive. The timed requests use it rather
   * than {@link HttpClient}, whose hand-offs between its selector and executor threads add about a
   * millisecond to every round trip on this machine: that would be the client's cost, not Strata's.
   */
  private static Answer blockingGet(String url, String bearer) throws IOException {
    java.net.HttpURLConnection connection =
        (java.net.HttpURLConnection) URI.create(url).toURL().openConnection();
    connection.setConnectTimeout(10_000);
    connection.setReadTimeout(60_000);
    if (bearer != null) {
      connection.setRequestProperty("Authorization", "Bearer " + bearer);
    }
    int status = connection.getResponseCode();
    // Reading the body to its end and closing the stream returns the connection to the pool.
    try (java.io.InputStream in = status < 400 ? connection.getInputStream()
        : connection.getErrorStream()) {
      return new Answer(status, in == null ? new byte[0] : in.readAllBytes());
    }
  }

  /**
   * The sum of the Prometheus samples of {@code metric} whose labels include all of {@code labels};
   * -1 when the endpoint cannot be read.
   */
  double metric(String metric, Map<String, String> labels) throws InterruptedException {
    HttpResponse<String> response = get("/q/metrics", null, Duration.ofSeconds(10));
    if (response == null || response.statusCode() != 200) {
      return -1;
    }
    double sum = 0;
    List<String> wanted = labels.entrySet().stream()
        .map(e -> e.getKey() + "=\"" + e.getValue() + "\"").toList();
    for (String line : response.body().split("\n")) {
      if (labels.isEmpty() && line.startsWith(metric + " ")) {
        sum += Double.parseDouble(line.substring(metric.length()).trim().split(" ")[0]);
        continue;
      }
      if (!line.startsWith(metric + "{")) {
        continue;
      }
      int close = line.lastIndexOf('}');
      String labelText = line.substring(metric.length() + 1, close);
      boolean all = true;
      for (String label : wanted) {
        all &= labelText.contains(label);
      }
      if (all) {
        String value = line.substring(close + 1).trim().split(" ")[0];
        sum += Double.parseDouble(value);
      }
    }
    return sum;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }
}
