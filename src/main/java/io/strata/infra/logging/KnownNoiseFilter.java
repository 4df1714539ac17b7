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

  /**
   * The console's push runs over long polling ({@code AppShell} says why). When a second push
   * message meets the poll that the first one already completed, before the browser has polled
   * again, Atmosphere's write fails with Undertow's "UT000127: Response has already been sent"
   * and Vaadin logs it at ERROR with its stack trace. The message is not lost: Vaadin numbers its
   * messages, and a browser that finds one missing asks the server for a resynchronisation (the
   * browser tests that push live-tail events pass through such races).
   */
  static final String VAADIN_PUSH = "com.vaadin.flow.server.communication.PushAtmosphereHandler";

  /** Undertow's code for a write to a response that has been completed. */
  static final String RESPONSE_ALREADY_SENT = "UT000127";

  /**
   * When a browser leaves the console while its long poll is being closed, Atmosphere can destroy
   * the poll's resource before its own disconnect listener runs; that listener then fails with a
   * NullPointerException on the missing resource, and Vaadin logs it at ERROR with its stack
   * trace (Atmosphere issue 2527). Atmosphere fixed it with a null check, which Vaadin's build of
   * Atmosphere (3.0.5.slf4jvaadin1, in every Vaadin 25 up to 25.2) does not have yet. Nothing is
   * lost: the connection was closing anyway, and Atmosphere still takes the resource out of its
   * broadcasters and tells Vaadin the connection is gone.
   */
  static final String ATMOSPHERE_SESSIONS =
      "org.atmosphere.cpr.DefaultAtmosphereResourceSessionFactory";

  @Override
  public boolean isLoggable(LogRecord record) {
    String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    return !isKnownNoise(record.getLoggerName(), message, record.getThrown());
  }

  static boolean isKnownNoise(String logger, String message, Throwable thrown) {
    if (KAFKA_CONTROLLER.equals(logger)) {
      return message != null && message.contains("Performing controller activation.");
    }
    if (VAADIN_PUSH.equals(logger)) {
      return mentions(message, thrown, RESPONSE_ALREADY_SENT)
          || isNullPointerIn(thrown, ATMOSPHERE_SESSIONS);
    }
    return false;
  }

  /** Whether {@code thrown} is a NullPointerException thrown in {@code className} or nested. */
  private static boolean isNullPointerIn(Throwable thrown, String className) {
    if (!(thrown instanceof NullPointerException) || thrown.getStackTrace().length == 0) {
      return false;
    }
    String thrower = thrown.getStackTrace()[0].getClassName();
    return thrower.equals(className) || thrower.startsWith(className + "$");
  }

  /** Whether {@code code} is in the message or in the message of the throwable or a cause. */
  private static boolean mentions(String message, Throwable thrown, String code) {
    if (message != null && message.contains(code)) {
      return true;
    }
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(code)) {
        return true;
      }
    }
    return false;
  }
}
