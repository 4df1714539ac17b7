package io.strata.testing;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs in to the console the way a browser does, over plain HTTP: follows Strata's redirect to the
 * real Keycloak, fills in its login form, and follows the redirects back, keeping cookies (one jar
 * for both servers, which share the host name: each ignores the other's). What a
 * test then holds is a real console session, or, when a step is refused, the refusal.
 */
public final class CodeFlowClient {

  private static final Pattern FORM_ACTION =
      Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

  // A jar of its own: Keycloak marks its cookies Secure, which browsers send to localhost over
  // plain HTTP (a secure context) but java.net's CookieManager does not.
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

  /** GET {@code url}, no redirect followed. */
  public HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    request.timeout(Duration.ofSeconds(30));
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookieHeader());
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    for (String header : response.headers().allValues("Set-Cookie")) {
      for (HttpCookie cookie : HttpCookie.parse(header)) {
        if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
          cookies.remove(cookie.getName());
        } else {
          cookies.put(cookie.getName(), cookie.getValue());
        }
      }
    }
    return response;
  }

  /**
   * Opens {@code consoleUrl}, signs in as {@code user} at the identity provider Strata sends it to,
   * and follows the redirects until Strata answers with something other than a redirect; returns
   * that last answer.
   */
  public HttpResponse<String> signIn(String consoleUrl, String user, String password)
      throws IOException, InterruptedException {
    HttpResponse<String> toIdp = get(consoleUrl);
    if (toIdp.statusCode() != 302) {
      throw new AssertionError("expected a redirect to sign in, got " + toIdp.statusCode());
    }
    HttpResponse<String> loginPage = get(location(toIdp));
    Matcher action = FORM_ACTION.matcher(loginPage.body());
    if (!action.find()) {
      throw new AssertionError("no login form at " + location(toIdp) + ": " + loginPage.statusCode());
    }
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&credentialId=";
    HttpResponse<String> answer = send(HttpRequest.newBuilder(
            URI.create(action.group(1).replace("&amp;", "&")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
    for (int hops = 0; answer.statusCode() == 302 && hops < 5; hops++) {
      answer = get(location(answer));
    }
    return answer;
  }

  /** The {@code Location} of a redirect, resolved against the request's URL. */
  public static String location(HttpResponse<?> response) {
    String location = response.headers().firstValue("Location")
        .orElseThrow(() -> new AssertionError("no Location in a " + response.statusCode()));
    return response.uri().resolve(location).toString();
  }

  /** The value of the cookie named {@code name} this client holds, or {@code null}. */
  public String cookie(String name) {
    return cookies.get(name);
  }

  /** Every cookie this client holds, as a {@code Cookie} header value. */
  public String cookieHeader() {
    StringBuilder header = new StringBuilder();
    cookies.forEach((name, value) ->
        header.append(header.isEmpty() ? "" : "; ").append(name).append('=').append(value));
    return header.toString();
  }
}
