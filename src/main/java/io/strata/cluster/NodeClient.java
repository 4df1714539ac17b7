package io.strata.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Calls another node's internal API ({@code /internal/v1/...}) on behalf of a tenant, presenting the
 * cluster secret. The tenant was established by this node from the caller's credential; the other
 * node takes it from here because the secret proves the request comes from a node.
 */
@ApplicationScoped
public class NodeClient {

  /** The header carrying the cluster secret. */
  public static final String SECRET_HEADER = "X-Strata-Node-Secret";
  /** The header carrying the tenant a node reads for. */
  public static final String TENANT_HEADER = "X-Strata-Tenant";

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(3))
      .version(HttpClient.Version.HTTP_1_1)
      .build();
  private final ObjectMapper json;
  private final ClusterNodes nodes;
  private final ClusterConfig config;

  NodeClient(ObjectMapper json, ClusterNodes nodes, ClusterConfig config) {
    this.json = json;
    this.nodes = nodes;
    this.config = config;
  }

  /**
   * POSTs {@code body} as JSON to {@code path} of {@code node} for {@code tenant}; the answer is
   * read as {@code type}. Fails on a non-2xx answer and after the request timeout.
   */
  public <T> CompletableFuture<T> post(ClusterNode node, String path, String tenant, Object body,
      Class<T> type) {
    HttpRequest request = request(node, path, tenant, body)
        .timeout(config.requestTimeout())
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(response -> {
          if (response.statusCode() / 100 != 2) {
            throw new NodeUnavailableException(node, "answered " + response.statusCode());
          }
          try {
            return json.readValue(response.body(), type);
          } catch (IOException e) {
            throw new NodeUnavailableException(node, "answered what is not " + type.getSimpleName());
          }
        });
  }

  /**
   * POSTs {@code body} as JSON to {@code path} of {@code node} for {@code tenant} and hands over the
   * answer's lines as they come, for as long as the node streams them (no request timeout). Fails
   * on a non-2xx answer; the caller closes the lines to end the stream.
   */
  public CompletableFuture<java.util.stream.Stream<String>> stream(ClusterNode node, String path,
      String tenant, Object body) {
    HttpRequest request = request(node, path, tenant, body).build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenApply(response -> {
      if (response.statusCode() / 100 != 2) {
        response.body().close();
        throw new NodeUnavailableException(node, "answered " + response.statusCode());
      }
      return response.body();
    });
  }

  /** A POST of {@code body} as JSON, with the cluster secret and the tenant. */
  private HttpRequest.Builder request(ClusterNode node, String path, String tenant, Object body) {
    byte[] payload;
    try {
      payload = json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HttpRequest.newBuilder(URI.create(node.url() + path))
        .header("Content-Type", "application/json")
        .header(SECRET_HEADER, nodes.secret())
        .header(TENANT_HEADER, tenant)
        .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
  }

  /** A node that could not give its part of a read. */
  public static final class NodeUnavailableException extends RuntimeException {
    public NodeUnavailableException(ClusterNode node, String reason) {
      super(node.id() + " " + reason, null, false, false);
    }
  }
}
