package io.strata.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Puts Strata's realm into a running Keycloak through its admin REST API: creates it on first start,
 * and on every later start brings the client's security settings (exact redirect and post-logout
 * URIs, web origins, the audience mapper) in line with the realm file and the configured public URL.
 *
 * <p>Note: going through the API means the realm, with its client secret and demo passwords, never
 * lies in an import file on disk; and a realm made by an older version (which allowed any redirect
 * URI) is corrected instead of being kept as it was.
 */
final class KeycloakRealmSetup {

  private static final Logger LOG = Logger.getLogger(KeycloakRealmSetup.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The client settings that the realm file decides, whatever an older realm says. */
  private static final List<String> CLIENT_SECURITY = List.of("rootUrl", "redirectUris",
      "webOrigins", "publicClient", "standardFlowEnabled", "implicitFlowEnabled",
      "directAccessGrantsEnabled", "serviceAccountsEnabled");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String adminPassword;

  KeycloakRealmSetup(String baseUrl, String adminPassword) {
    this.baseUrl = baseUrl;
    this.adminPassword = adminPassword;
  }

  /** Creates realm {@code realm} from {@code realmJson}, or aligns client {@code clientId} with it. */
  void apply(String realm, String clientId, String realmJson) throws IOException {
    String token = adminToken();
    ObjectNode wanted = (ObjectNode) JSON.readTree(realmJson);
    HttpResponse<String> existing = send(token, "GET", "/admin/realms/" + realm, null);
    if (existing.statusCode() == 404) {
      expect(send(token, "POST", "/admin/realms", realmJson), 201, "create realm " + realm);
      LOG.infof("Created Keycloak realm %s", realm);
      return;
    }
    expect(existing, 200, "read realm " + realm);
    JsonNode wantedClient = null;
    for (JsonNode client : wanted.path("clients")) {
      if (clientId.equals(client.path("clientId").asText())) {
        wantedClient = client;
      }
    }
    if (wantedClient == null) {
      throw new IOException("the realm file has no client " + clientId);
    }
    HttpResponse<String> found = send(token, "GET", "/admin/realms/" + realm + "/clients?clientId="
        + URLEncoder.encode(clientId, StandardCharsets.UTF_8), null);
    expect(found, 200, "find client " + clientId);
    JsonNode clients = JSON.readTree(found.body());
    if (clients.isEmpty()) {
      expect(send(token, "POST", "/admin/realms/" + realm + "/clients", wantedClient.toString()),
          201, "create client " + clientId);
      return;
    }
    ObjectNode current = (ObjectNode) clients.get(0);
    String id = current.path("id").asText();
    for (String field : CLIENT_SECURITY) {
      if (wantedClient.has(field)) {
        current.set(field, wantedClient.get(field));
      } else {
        current.remove(field);
      }
    }
    ObjectNode attributes = current.get("attributes") instanceof ObjectNode present ? present
        : current.putObject("attributes");
    wantedClient.path("attributes").fields()
        .forEachRemaining(attribute -> attributes.set(attribute.getKey(), attribute.getValue()));
    // Mappers the realm file names replace those of the same name; others are left alone.
    ArrayNode mappers = JSON.createArrayNode();
    List<String> wantedNames = wantedClient.path("protocolMappers").findValuesAsText("name");
    for (JsonNode mapper : current.path("protocolMappers")) {
      if (!wantedNames.contains(mapper.path("name").asText())) {
        mappers.add(mapper);
      }
    }
    wantedClient.path("protocolMappers").forEach(mappers::add);
    current.set("protocolMappers", mappers);
    expect(send(token, "PUT", "/admin/realms/" + realm + "/clients/" + id, current.toString()), 204,
        "update client " + clientId);
  }

  private String adminToken() throws IOException {
    String form = "grant_type=password&client_id=admin-cli&username=admin&password="
        + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl
            + "/realms/master/protocol/openid-connect/token"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    HttpResponse<String> response = call(request);
    expect(response, 200, "sign in to the admin API");
    return JSON.readTree(response.body()).path("access_token").asText();
  }

  private HttpResponse<String> send(String token, String method, String path, String body)
      throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    return call(request.build());
  }

  private HttpResponse<String> call(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while talking to Keycloak", e);
    }
  }

  private static void expect(HttpResponse<String> response, int status, String what)
      throws IOException {
    if (response.statusCode() != status) {
      throw new IOException("Keycloak refused to " + what + ": " + response.statusCode() + " "
          + response.body());
    }
  }
}
