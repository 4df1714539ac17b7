package io.strata.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The operator's channel of the test run: a {@link RecordingReceiver} for platform alerts. */
public final class OperatorReceiver {

  /** The path the operator's webhook posts to. */
  public static final String PATH = "/operator";
  private static RecordingReceiver receiver;

  private OperatorReceiver() {}

  static synchronized RecordingReceiver start() {
    if (receiver == null) {
      try {
        receiver = new RecordingReceiver();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return receiver;
  }

  static synchronized void stop() {
    if (receiver != null) {
      receiver.close();
      receiver = null;
    }
  }

  /** The receiver, started with the test services. */
  public static synchronized RecordingReceiver get() {
    return receiver;
  }
}
