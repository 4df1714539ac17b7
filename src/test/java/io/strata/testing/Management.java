package io.strata.testing;

import org.eclipse.microprofile.config.ConfigProvider;

/** Where the application under test serves health and metrics: its management interface. */
public final class Management {

  private Management() {}

  /** The URL of {@code path} (e.g. {@code /q/metrics}) on the management interface. */
  public static String url(String path) {
    return "http://127.0.0.1:" + ConfigProvider.getConfig()
        .getValue("quarkus.management.test-port", Integer.class) + path;
  }
}
