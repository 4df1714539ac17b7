package io.strata.index;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the indexer has not stopped on a failure. */
@Readiness
@ApplicationScoped
public class IndexerHealthCheck implements HealthCheck {

  private final Indexer indexer;

  IndexerHealthCheck(Indexer indexer) {
    this.indexer = indexer;
  }

  @Override
  public HealthCheckResponse call() {
    Throwable failure = indexer.failure();
    return HealthCheckResponse.named("indexer")
        .status(failure == null)
        .withData("failure", failure == null ? "none" : String.valueOf(failure.getMessage()))
        .build();
  }
}
