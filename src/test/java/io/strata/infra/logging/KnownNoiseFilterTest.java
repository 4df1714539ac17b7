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
  void atmospheresDisconnectOfADestroyedResourceIsDroppedAndOtherNullPointersAreNot() {
    LogRecord raced = record(KnownNoiseFilter.VAADIN_PUSH, "Exception in push connection");
    raced.setThrown(thrownAt(new NullPointerException("Cannot invoke \"org.atmosphere.cpr."
        + "AtmosphereResource.uuid()\" because the return value of \"org.atmosphere.cpr."
        + "AtmosphereResourceEvent.getResource()\" is null"),
        KnownNoiseFilter.ATMOSPHERE_SESSIONS + "$1", "onDisconnect"));
    assertThat(filter.isLoggable(raced)).isFalse();

    LogRecord inVaadin = record(KnownNoiseFilter.VAADIN_PUSH, "Exception in push connection");
    inVaadin.setThrown(thrownAt(new NullPointerException("ui is null"),
        "com.vaadin.flow.server.communication.PushHandler", "connectionLost"));
    assertThat(filter.isLoggable(inVaadin)).isTrue();

    LogRecord notANullPointer =
        record(KnownNoiseFilter.VAADIN_PUSH, "Exception in push connection");
    notANullPointer.setThrown(thrownAt(new IllegalStateException("closed"),
        KnownNoiseFilter.ATMOSPHERE_SESSIONS + "$1", "onDisconnect"));
    assertThat(filter.isLoggable(notANullPointer)).isTrue();

    LogRecord otherLogger = record("io.strata.Whatever", "x");
    otherLogger.setThrown(thrownAt(new NullPointerException(),
        KnownNoiseFilter.ATMOSPHERE_SESSIONS + "$1", "onDisconnect"));
    assertThat(filter.isLoggable(otherLogger)).isTrue();
  }

  private static Throwable thrownAt(Throwable thrown, String className, String method) {
    thrown.setStackTrace(new StackTraceElement[] {
        new StackTraceElement(className, method, "X.java", 29),
        new StackTraceElement("org.atmosphere.cpr.AtmosphereResourceImpl", "onDisconnect",
            "AtmosphereResourceImpl.java", 755)});
    return thrown;
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
