package io.strata;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The packaged application once Quarkus has started (after its "started in" line): says in one line
 * where to go and how to sign in, then runs until it is stopped.
 */
public class StrataApplication implements QuarkusApplication {

  private static final Logger LOG = Logger.getLogger(StrataApplication.class);

  @Inject
  StartupSummary summary;

  @Override
  public int run(String... args) {
    LOG.info(summary.line());
    Quarkus.waitForExit();
    return 0;
  }
}
