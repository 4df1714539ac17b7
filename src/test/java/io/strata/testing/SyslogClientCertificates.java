package io.strata.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Client certificates for the syslog listener that requires them (mutual TLS), made with the JDK's
 * keytool: a test CA (the listener's {@code tls.client-ca}), a sender's key store whose certificate
 * that CA signed, and a rogue sender's key store with a self-signed certificate of its own.
 */
public final class SyslogClientCertificates {

  /** The password of every key store here. */
  public static final String PASSWORD = "syslog-client-test";

  private SyslogClientCertificates() {}

  /** The PKCS#12 key store of a sender whose certificate the test CA signed. */
  public static Path trustedClient(Path dir) {
    return dir.resolve("syslog-client.p12");
  }

  /** The PKCS#12 key store of a sender with a self-signed certificate. */
  public static Path rogueClient(Path dir) {
    return dir.resolve("syslog-rogue.p12");
  }

  /**
   * Makes the CA and both senders' key stores in {@code dir} and returns the settings of the
   * listener {@code listener}: the server certificate of {@link SyslogTlsCertificate} (made before,
   * in the same directory) and the CA as its client CA.
   */
  public static Map<String, String> create(Path dir, String listener) throws IOException {
    Path ca = dir.resolve("syslog-client-ca.p12");
    Path caPem = dir.resolve("syslog-client-ca.crt");
    Path csr = dir.resolve("syslog-client.csr");
    Path signed = dir.resolve("syslog-client.crt");
    Path client = trustedClient(dir);
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=Strata test syslog client CA", "-ext", "bc:c", "-validity", "7",
        "-storetype", "PKCS12", "-keystore", ca.toString());
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(),
        "-file", caPem.toString());
    keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=syslog-sender", "-validity", "7", "-storetype", "PKCS12",
        "-keystore", client.toString());
    keytool("-certreq", "-alias", "client", "-keystore", client.toString(),
        "-file", csr.toString());
    keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile", csr.toString(),
        "-outfile", signed.toString(), "-rfc", "-validity", "7",
        "-ext", "ku:c=digitalSignature", "-ext", "eku=clientAuth");
    // The CA first, so that keytool can chain the signed certificate to it.
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(),
        "-keystore", client.toString());
    keytool("-importcert", "-alias", "client", "-file", signed.toString(),
        "-keystore", client.toString());
    keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=syslog-sender", "-validity", "7", "-storetype", "PKCS12",
        "-keystore", rogueClient(dir).toString());
    String prefix = "strata.syslog.listener." + listener + ".tls.";
    return Map.of(prefix + "certificate", dir.resolve("syslog-tls.crt").toString(),
        prefix + "key", dir.resolve("syslog-tls.key").toString(),
        prefix + "client-ca", caPem.toString());
  }

  private static void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storepass", PASSWORD));
    if (List.of(args).contains("-genkeypair")) {
      command.addAll(List.of("-keypass", PASSWORD));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool " + args[0] + " failed: "
            + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
