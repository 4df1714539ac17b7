package io.strata.ui;

import com.vaadin.flow.server.DefaultErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;

/**
 * Vaadin's error handler for the console's sessions, except that a browser that closed its
 * connection while the console read its request is not an error: leaving a page sends Vaadin a last
 * request, which the browser may cut short. Vaadin already ignores that on Jetty and Tomcat (their
 * {@code EofException}, {@code ClientAbortException}); on Quarkus it arrives as an {@code
 * IOException} caused by Vert.x's {@code HttpClosedException}, which Vaadin would log as an
 * "Unexpected error" with its stack trace. Every other error is Vaadin's to report, as before.
 */
public class ConsoleErrorHandler extends DefaultErrorHandler {

  private static final String CONNECTION_CLOSED = "io.vertx.core.http.HttpClosedException";

  @Override
  protected boolean shouldHandle(Throwable t) {
    return !closedByClient(t) && super.shouldHandle(t);
  }

  /** An I/O error caused, at any depth, by the client's connection having been closed. */
  static boolean closedByClient(Throwable t) {
    if (!(t instanceof IOException)) {
      return false;
    }
    for (Throwable cause = t; cause != null; cause = cause.getCause()) {
      if (cause.getClass().getName().equals(CONNECTION_CLOSED)) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** Puts the handler on every console session. */
  @ApplicationScoped
  static class Installer {
    void onServiceInit(@Observes ServiceInitEvent event) {
      event.getSource().addSessionInitListener(
          init -> init.getSession().setErrorHandler(new ConsoleErrorHandler()));
    }
  }
}
