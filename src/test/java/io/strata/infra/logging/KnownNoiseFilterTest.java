package io.strata.infra.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class KnownNoiseFilterTest {

  private final KnownNoiseFilter filter = new KnownNoiseFilter();

  private static LogRecord record(String logger, String message) {
    LogRecord record = new LogRecord(Level.WARNING, message);
    record.setLoggerName(logger);
    return record;
  }

  @Test
  void theEmbeddedBrokersActivationWarningsAreDropped() {
    assertThat(filter.isLoggable(record(KnownNoiseFilter.KAFKA_CONTROLLER,
        "[QuorumController id=1] Performing controller activation. The metadata log appears to be"
            + " empty. Appending 4 bootstrap record(s)"))).isFalse();
    assertThat(filter.isLoggable(record(KnownNoiseFilter.KAFKA_CONTROLLER,
        "[QuorumController id=1] Performing controller activation."))).isFalse();
  }

  @Test
  void aPushWriteToACompletedPollIsDroppedAndOtherPushErrorsAreNot() {
    LogRecord raced = record(KnownNoiseFilter.VAADIN_PUSH, "Exception in push connection");
    raced.setThrown(new java.io.IOException(new IllegalStateException(
        "UT000127: Response has already been sent")));
    assertThat(filter.isLoggable(raced)).isFalse();
    LogRecord other = record(KnownNoiseFilter.VAADIN_PUSH, "Exception in push connection");
    other.setThrown(new java.io.IOException("Broken pipe"));
    assertThat(filter.isLoggable(other)).isTrue();
    LogRecord elsewhere = record("io.strata.Whatever", "x");
    elsewhere.setThrown(new IllegalStateException("UT000127: Response has already been sent"));
    assertThat(filter.isLoggable(elsewhere)).isTrue();
  }

  @Test
  void everythingElseGoesThrough() {
    assertThat(filter.isLoggable(record(KnownNoiseFilter.KAFKA_CONTROLLER,
        "[QuorumController id=1] Renouncing the leadership due to a metadata log event"))).isTrue();
    assertThat(filter.isLoggable(record("io.strata.Whatever",
        "Performing controller activation."))).isTrue();
    assertThat(filter.isLoggable(record("org.apache.kafka.controller.QuorumController", null)))
        .isTrue();
  }
}
