package io.strata.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) on a free port of this machine, for the whole test run: the
 * application's mailer is pointed at it, and tests read what it received.
 */
public final class TestSmtp {

  /** The sender the application's mailer uses in tests. */
  public static final String FROM = "alerts@strata.test";
  private static GreenMail server;

  private TestSmtp() {}

  /** Starts the server once; the mailer settings that point at it. */
  static synchronized Map<String, String> start() throws IOException {
    if (server == null) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      server.start();
    }
    return Map.of("quarkus.mailer.host", "127.0.0.1",
        "quarkus.mailer.port", Integer.toString(server.getSmtp().getPort()),
        "quarkus.mailer.from", FROM,
        "quarkus.mailer.start-tls", "DISABLED");
  }

  static synchronized void stop() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  /** Every message received so far. */
  public static synchronized List<MimeMessage> received() {
    return server == null ? List.of() : List.of(server.getReceivedMessages());
  }
}
