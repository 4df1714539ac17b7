package io.strata.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.testing.Management;
import io.strata.testing.StrataServicesResource;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What the public HTTP port gives away and holds on to: health and metrics (tenant ids, component
 * failures) are served on the management port only, and a client that sends half a request and
 * waits is dropped instead of holding a connection for as long as it likes.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class PublicPortIT {

  @TestHTTPResource("/")
  URL publicRoot;

  @Test
  void metricsAndHealthAreNotOnThePublicPort() {
    for (String path : new String[] {"/q/metrics", "/q/health", "/q/health/ready", "/q/health/live"}) {
      int status = given().when().get(path).then().extract().statusCode();
      assertThat(status).as(path).isIn(401, 404);
    }
    assertThat(Management.url("/")).doesNotContain(":" + publicRoot.getPort() + "/");
    String metrics = given().when().get(Management.url("/q/metrics")).then().statusCode(200)
        .extract().asString();
    assertThat(metrics).contains("strata_");
    given().when().get(Management.url("/q/health")).then().statusCode(200);
  }

  @Test
  void aHalfSentRequestIsDroppedAfterTheIdleTimeout() throws Exception {
    // The test profile's idle timeout is 20 s (application.properties); 60 s in production.
    try (Socket socket = new Socket(publicRoot.getHost(), publicRoot.getPort())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write("GET /api/v1/search HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long started = System.nanoTime();
      InputStream in = socket.getInputStream();
      try {
        while (in.read() >= 0) {
          // An error answer before closing is fine too; the connection must end.
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the server kept a half-sent request open for 60 s", e);
      } catch (java.net.SocketException e) {
        // Reset by the server: closed too.
      }
      long seconds = (System.nanoTime() - started) / 1_000_000_000L;
      assertThat(seconds).isLessThan(60);
    }
  }
}
