package io.strata.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Starts a real S3-compatible server ({@link S3ProxyProcess}) and points Strata's object storage
 * at it (bucket {@value #BUCKET}, created by Strata). Tests reach the server through {@link
 * #server()}, to look into the bucket or to stop and start it.
 */
public class S3ProxyResource implements QuarkusTestResourceLifecycleManager {

  /** The bucket Strata is told to use. */
  public static final String BUCKET = "strata-test";

  private static volatile S3ProxyProcess server;

  /** The running server. */
  public static S3ProxyProcess server() {
    return server;
  }

  @Override
  public Map<String, String> start() {
    try {
      server = S3ProxyProcess.start(Files.createTempDirectory("s3proxy-"), "s3proxy.log");
      return server.strataConfig(BUCKET);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      try {
        server.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
