package io.strata.audit;

import io.strata.StrataConfig;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * Signs and checks checkpoints of the audit chains with an Ed25519 key pair kept on disk (see
 * {@link AuditConfig#keyDir()}). The public key is published ({@code GET /api/v1/audit/public-key})
 * so that auditors can check checkpoints themselves.
 */
@Singleton
public class CheckpointSigner {

  private static final Logger LOG = Logger.getLogger(CheckpointSigner.class);
  private static final String ALGORITHM = "Ed25519";

  private final Path dir;
  private PrivateKey privateKey;
  private PublicKey publicKey;
  private String keyId;

  CheckpointSigner(AuditConfig config, StrataConfig strata) {
    this.dir = config.keyDir().orElse(strata.dataDir().resolve("audit"));
  }

  @PostConstruct
  void load() {
    Path secret = dir.resolve("signing.key");
    Path open = dir.resolve("signing.pub");
    try {
      KeyFactory keys = KeyFactory.getInstance(ALGORITHM);
      if (Files.exists(secret) && Files.exists(open)) {
        privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(secret)));
        publicKey = keys.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(open)));
      } else {
        KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        privateKey = pair.getPrivate();
        publicKey = pair.getPublic();
        Files.createDirectories(dir);
        Files.createFile(secret, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
        Files.write(secret, privateKey.getEncoded());
        Files.write(open, publicKey.getEncoded());
        LOG.infof("Generated the audit checkpoint signing key in %s", dir.toAbsolutePath());
      }
      byte[] digest = AuditHashing.sha256().digest(publicKey.getEncoded());
      keyId = HexFormat.of().formatHex(digest, 0, 8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the audit signing key in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the audit signing key from " + dir, e);
    }
  }

  /** The id of the key pair: the first 8 bytes of the SHA-256 of the public key, in hex. */
  public String keyId() {
    return keyId;
  }

  /** The public key in PEM. */
  public String publicKeyPem() {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(publicKey.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** What a checkpoint signs: its chain, sequence, hash and time, one per line. */
  static byte[] message(String chain, long seq, String hash, Instant time) {
    return ("strata-audit-checkpoint\n" + chain + "\n" + seq + "\n" + hash + "\n"
        + DateTimeFormatter.ISO_INSTANT.format(AuditHashing.truncate(time)))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The signature of a checkpoint, base64. */
  String sign(String chain, long seq, String hash, Instant time) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(privateKey);
      signature.update(message(chain, seq, hash, time));
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code signatureBase64} is this key's signature of the checkpoint. */
  boolean verify(String chain, long seq, String hash, Instant time, String signatureBase64) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initVerify(publicKey);
      signature.update(message(chain, seq, hash, time));
      return signature.verify(Base64.getDecoder().decode(signatureBase64));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
