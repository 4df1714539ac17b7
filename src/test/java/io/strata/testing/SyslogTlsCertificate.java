package io.strata.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code localhost} / {@code 127.0.0.1}, made with the JDK's keytool,
 * as a PKCS#12 key store (for TLS clients to trust) and as PEM files (for the syslog TLS listener).
 */
public final class SyslogTlsCertificate {

  /** The password of the key store. */
  public static final String PASSWORD = "syslog-test";

  private SyslogTlsCertificate() {}

  /** Where the PKCS#12 key store of the last {@link #create} is. */
  public static Path keyStore(Path dir) {
    return dir.resolve("syslog-tls.p12");
  }

  /** Makes the certificate in {@code dir} and returns the TLS listener's settings for it. */
  public static Map<String, String> create(Path dir) throws IOException {
    Path store = keyStore(dir);
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias",
        "syslog", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "7", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
        .redirectErrorStream(true).start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool failed: "
            + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      }
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, PASSWORD.toCharArray());
      }
      Certificate certificate = keys.getCertificate("syslog");
      byte[] key = keys.getKey("syslog", PASSWORD.toCharArray()).getEncoded();
      Path certPem = dir.resolve("syslog-tls.crt");
      Path keyPem = dir.resolve("syslog-tls.key");
      Files.writeString(certPem, pem("CERTIFICATE", certificate.getEncoded()));
      Files.writeString(keyPem, pem("PRIVATE KEY", key));
      return Map.of("strata.syslog.listener.tls.tls.certificate", certPem.toString(),
          "strata.syslog.listener.tls.tls.key", keyPem.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
