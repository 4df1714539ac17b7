package io.strata.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Replays requests captured from real shippers ({@code src/test/resources/captures}, copied from
 * the project's shared captures): same method, path, headers and body bytes, plus a credential.
 */
public final class Captures {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  // The JDK client sets these itself (or refuses them); a stale Host or length would be wrong anyway.
  private static final Set<String> SKIPPED = Set.of("host", "content-length", "connection",
      "transfer-encoding", "expect", "upgrade", "accept-encoding");

  private Captures() {}

  /** The bytes of a capture file, e.g. {@code loki4j-json/001-POST-loki_api_v1_push.body}. */
  public static byte[] bytes(String path) {
    try (InputStream in = Captures.class.getResourceAsStream("/captures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no capture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends the captured request {@code name} (e.g. {@code rsyslog-omelasticsearch/001-POST-_bulk})
   * to the test application with {@code authorization} as its Authorization header.
   */
  public static HttpResponse<String> replay(String name, String authorization) {
    try {
      JsonNode capture = MAPPER.readTree(bytes(name + ".json"));
      byte[] body = capture.path("body_bytes_on_wire").asInt() == 0 ? new byte[0]
          : bytes(name + ".body");
      // The .body file holds the decoded bytes: encode them again as they went over the wire.
      if ("gzip".equals(capture.path("content_encoding_decoded").asText())) {
        body = gzip(body);
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + RestAssured.port + capture.get("path").asText()))
          .timeout(Duration.ofSeconds(60))
          .method(capture.get("method").asText(), body.length == 0
              ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      for (JsonNode header : capture.get("headers")) {
        String headerName = header.get(0).asText();
        if (!SKIPPED.contains(headerName.toLowerCase(Locale.ROOT))) {
          request.header(headerName, header.get(1).asText());
        }
      }
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }

  /** {@code Basic base64(user:key)}: how most shippers send a Strata key. */
  public static String basic(String key) {
    return "Basic " + java.util.Base64.getEncoder()
        .encodeToString(("shipper:" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
