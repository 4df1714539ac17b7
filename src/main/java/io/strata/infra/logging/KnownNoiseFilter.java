package io.strata.infra.logging;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Drops the few third-party log records that are warnings in form only, each named here with why,
 * so that a WARN in Strata's log always deserves a look ({@code quarkus.log.console.filter}).
 * Everything else from the same loggers goes through.
 */
@LoggingFilter(name = "strata-known-noise")
public final class KnownNoiseFilter implements Filter {

  /**
   * The embedded broker's controller logs its activation at WARN on every start ("Performing
   * controller activation. The metadata log appears to be empty..." on the first): the normal
   * start of a single-node KRaft broker.
   */
  static final String KAFKA_CONTROLLER = "org.apache.kafka.controller.QuorumController";

  @Override
  public boolean isLoggable(LogRecord record) {
    String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    return !isKnownNoise(record.getLoggerName(), message);
  }

  static boolean isKnownNoise(String logger, String message) {
    return KAFKA_CONTROLLER.equals(logger) && message != null
        && message.contains("Performing controller activation.");
  }
}
