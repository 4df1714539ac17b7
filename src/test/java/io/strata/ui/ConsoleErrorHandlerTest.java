package io.strata.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ConsoleErrorHandlerTest {

  @Test
  void aRequestBodyCutShortByTheBrowserIsNotAnError() {
    // As Undertow on Vert.x reports it (VertxHttpExchange.readBlocking).
    IOException read = new IOException(new IOException(new HttpClosedException("Connection was closed")));
    assertThat(ConsoleErrorHandler.closedByClient(read)).isTrue();
    assertThat(new ConsoleErrorHandler().shouldHandle(read)).isFalse();
  }

  @Test
  void everyOtherErrorIsStillHandled() {
    ConsoleErrorHandler handler = new ConsoleErrorHandler();
    assertThat(handler.shouldHandle(new IOException("disk full"))).isTrue();
    assertThat(handler.shouldHandle(new IllegalStateException(new HttpClosedException("x"))))
        .as("not an I/O error of the request").isTrue();
    assertThat(handler.shouldHandle(new UncheckedIOException(new IOException("x")))).isTrue();
  }
}
