package io.strata.ui;

import io.strata.StrataConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Guards the console's paths ({@code /ui}, {@code /logout}) before sign-in runs: a request addressed
 * to a host other than the public URL's is refused (421), so no sign-in, redirect or page is ever
 * made for a host an attacker chose; pages may not be framed by other sites; the servlet session
 * cookie is HttpOnly and SameSite=Lax.
 */
@ApplicationScoped
public class ConsoleGuard {

  /** Before the authentication filters, which would otherwise start a sign-in first. */
  static final int ORDER = Integer.MIN_VALUE + 100;
  private static final String SESSION_COOKIE = "JSESSIONID=";

  private final String expectedAuthority;

  ConsoleGuard(StrataConfig config) {
    this.expectedAuthority = authority(config.publicUrl());
  }

  void install(@Observes Router router) {
    router.route().order(ORDER).handler(this::handle);
  }

  private void handle(RoutingContext rc) {
    if (!isConsole(rc.normalizedPath())) {
      rc.next();
      return;
    }
    HttpServerRequest request = rc.request();
    String authority = request.authority() == null ? null
        : normalize(request.authority().toString(), request.isSSL() ? "https" : "http");
    if (!expectedAuthority.equals(authority)) {
      rc.response().setStatusCode(421)
          .putHeader("Content-Type", "application/problem+json")
          .end("{\"type\":\"urn:strata:problem:unknown-host\",\"title\":\"Misdirected Request\","
              + "\"status\":421,\"detail\":\"The console answers at its public URL only"
              + " (STRATA_PUBLIC_URL).\"}");
      return;
    }
    rc.response().putHeader("X-Frame-Options", "DENY")
        .putHeader("Content-Security-Policy", "frame-ancestors 'none'")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "same-origin");
    rc.addHeadersEndHandler(v -> hardenSessionCookie(rc));
    rc.next();
  }

  static boolean isConsole(String path) {
    return path != null && (path.equals("/ui") || path.startsWith("/ui/") || path.equals("/logout"));
  }

  private static void hardenSessionCookie(RoutingContext rc) {
    List<String> cookies = rc.response().headers().getAll("Set-Cookie");
    if (cookies.stream().noneMatch(c -> c.startsWith(SESSION_COOKIE))) {
      return;
    }
    rc.response().headers().remove("Set-Cookie");
    for (String cookie : cookies) {
      rc.response().headers().add("Set-Cookie", cookie.startsWith(SESSION_COOKIE) ? harden(cookie) : cookie);
    }
  }

  /** {@code cookie} with HttpOnly and SameSite=Lax added where it lacks them. */
  static String harden(String cookie) {
    String lower = cookie.toLowerCase(Locale.ROOT);
    StringBuilder hardened = new StringBuilder(cookie);
    if (!lower.contains("; httponly")) {
      hardened.append("; HttpOnly");
    }
    if (!lower.contains("; samesite=")) {
      hardened.append("; SameSite=Lax");
    }
    return hardened.toString();
  }

  /** The {@code host:port} of {@code url}, with the scheme's default port made explicit. */
  static String authority(URI url) {
    if (url.getHost() == null) {
      throw new IllegalArgumentException("STRATA_PUBLIC_URL must be an absolute http(s) URL, not '"
          + url + "'");
    }
    return normalize(url.getRawAuthority(), url.getScheme());
  }

  static String normalize(String authority, String scheme) {
    String lower = authority.toLowerCase(Locale.ROOT);
    boolean hasPort = lower.lastIndexOf(':') > lower.lastIndexOf(']');
    return hasPort ? lower : lower + (":" + ("https".equalsIgnoreCase(scheme) ? 443 : 80));
  }
}
