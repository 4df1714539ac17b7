package io.strata.infra.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.InstantSource;

/**
 * The clock every feature reads "now" from, so that tests can move time (retention, audit
 * checkpoints, alert windows) instead of waiting for it.
 */
@Singleton
public class ClockProducer {

  @Produces
  @Singleton
  @DefaultBean
  InstantSource clock() {
    return InstantSource.system();
  }
}
