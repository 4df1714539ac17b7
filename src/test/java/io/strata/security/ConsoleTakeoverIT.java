package io.strata.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.strata.testing.CodeFlowClient;
import io.strata.testing.StrataServicesResource;
import io.strata.testing.TestTenants;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The one-click console takeover an adversarial probe found, played against the real Keycloak: an
 * attacker who starts a sign-in under a Host of their choosing, or who asks the identity provider to
 * send a victim's code elsewhere, gets nowhere; a console session is no credential for the REST
 * API; and no URL Strata hands out is built from a request's Host.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class ConsoleTakeoverIT {

  private static String publicUrl() {
    return ConfigProvider.getConfig().getValue("strata.public-url", String.class);
  }

  private static String realm() {
    return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
  }

  @Test
  void aSignInStartedUnderAnotherHostIsRefusedBeforeTheIdentityProviderIsInvolved() {
    for (String host : new String[] {"evil.example", "evil.example:8080", "127.0.0.1"}) {
      Response answer = given().redirects().follow(false).header("Host", host)
          .header("Accept", "text/html").when().get("/ui/");
      assertThat(answer.statusCode()).as(host).isEqualTo(421);
      assertThat(answer.header("Location")).as(host).isNull();
      assertThat(answer.contentType()).startsWith("application/problem+json");
    }
    // Forwarded headers do not help either: they are not trusted.
    Response forwarded = given().redirects().follow(false).header("X-Forwarded-Host", "evil.example")
        .header("Forwarded", "host=evil.example").header("Accept", "text/html").when().get("/ui/");
    assertThat(forwarded.statusCode()).isEqualTo(302);
    assertThat(forwarded.header("Location")).doesNotContain("evil.example");
  }

  @Test
  void theSignInRedirectNamesThePublicUrlExactly() throws Exception {
    HttpResponse<String> toIdp = new CodeFlowClient().get(publicUrl() + "/ui/search?q=x");
    assertThat(toIdp.statusCode()).isEqualTo(302);
    String redirectUri = query(URI.create(CodeFlowClient.location(toIdp)), "redirect_uri");
    assertThat(redirectUri).isEqualTo(publicUrl() + "/ui/");
  }

  @Test
  void theIdentityProviderSendsCodesToThePublicUrlOnly() throws Exception {
    CodeFlowClient attacker = new CodeFlowClient();
    for (String redirect : new String[] {"http://evil.example/ui/", publicUrl() + "/ui/../evil",
        publicUrl() + ".evil.example/ui/", publicUrl() + "/ui/x"}) {
      HttpResponse<String> answer = attacker.get(realm().replace("127.0.0.1", "localhost")
          + "/protocol/openid-connect/auth?client_id=strata-console&response_type=code"
          + "&scope=openid&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8));
      assertThat(answer.statusCode()).as(redirect).isEqualTo(400);
      assertThat(answer.body()).as(redirect).contains("redirect_uri");
    }
    HttpResponse<String> logout = attacker.get(realm().replace("127.0.0.1", "localhost")
        + "/protocol/openid-connect/logout?client_id=strata-console&post_logout_redirect_uri="
        + URLEncoder.encode("http://evil.example/", StandardCharsets.UTF_8));
    assertThat(logout.statusCode()).isEqualTo(400);
  }

  @Test
  void aConsoleSessionIsNoCredentialForTheApi() throws Exception {
    CodeFlowClient victim = new CodeFlowClient();
    HttpResponse<String> console = victim.signIn(publicUrl() + "/ui/", "olivia", "strata-demo");
    assertThat(console.statusCode()).isEqualTo(200);
    assertThat(victim.cookie("q_session_console")).isNotNull();
    // The session works where it belongs...
    assertThat(victim.get(publicUrl() + "/ui/").statusCode()).isEqualTo(200);
    // ...and nowhere else: a page of another site could otherwise drive the API with it.
    given().header("Cookie", victim.cookieHeader()).when().get("/api/v1/admin/tenants")
        .then().statusCode(401);
    given().header("Cookie", victim.cookieHeader()).contentType(ContentType.JSON)
        .body(Map.of("name", "stolen", "scopes", java.util.List.of("admin")))
        .when().post("/api/v1/admin/tenants/acme/keys").then().statusCode(401);
  }

  @Test
  void consolePagesCannotBeFramedAndTheirSessionCookieIsHttpOnly() throws Exception {
    CodeFlowClient user = new CodeFlowClient();
    HttpResponse<String> page = user.signIn(publicUrl() + "/ui/", "carol", "strata-demo");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
    HttpResponse<String> again = user.get(publicUrl() + "/ui/");
    for (HttpResponse<String> response : java.util.List.of(page, again)) {
      response.headers().allValues("Set-Cookie").stream()
          .filter(cookie -> cookie.startsWith("JSESSIONID="))
          .forEach(cookie -> assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax"));
    }
    assertThat(java.util.stream.Stream.of(page, again)
        .flatMap(r -> r.headers().allValues("Set-Cookie").stream())
        .anyMatch(c -> c.startsWith("JSESSIONID="))).as("the console set a servlet session").isTrue();
  }

  @Test
  void locationHeadersNameThePublicUrlWhateverTheHost() {
    String tenant = TestTenants.newTenant("loc");
    String key = TestTenants.newKey(tenant, "search");
    String location = given().auth().oauth2(key).header("Host", "evil.example")
        .contentType(ContentType.JSON).body(Map.of("name", "where", "q", "level:ERROR"))
        .when().post("/api/v1/saved-searches").then().statusCode(201).extract().header("Location");
    assertThat(location).startsWith(publicUrl() + "/api/v1/saved-searches/");
    String root = given().redirects().follow(false).header("Accept", "text/html")
        .header("Host", "evil.example").when().get("/").then().statusCode(302).extract()
        .header("Location");
    assertThat(root).isEqualTo(publicUrl() + "/ui/");
  }

  private static String query(URI uri, String name) {
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      if (pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
