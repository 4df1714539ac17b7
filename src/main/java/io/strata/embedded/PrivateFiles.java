package io.strata.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files and directories that only the account running Strata may read: the data directory, the
 * generated passwords of the embedded services, their databases and logs. Another local account
 * must learn nothing from them (a Keycloak database holds the realm's signing keys; a Kafka log holds
 * every tenant's events).
 */
public final class PrivateFiles {

  private static final Set<PosixFilePermission> OWNER = EnumSet.of(PosixFilePermission.OWNER_READ,
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();

  private PrivateFiles() {}

  /** Creates {@code dir} (and its parents) when missing and makes it private (no group/other access). */
  public static Path directory(Path dir) throws IOException {
    Files.createDirectories(dir);
    restrict(dir);
    return dir;
  }

  /**
   * Makes {@code root} and everything below it private (group and others lose every permission).
   * Used on the
   * data directory at start, so that what an older version left readable is closed too.
   */
  public static void restrictTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (!Files.isSymbolicLink(path)) {
          restrict(path);
        }
      }
    }
  }

  /** Creates {@code file} empty and private (0600) when missing, else makes it private. */
  public static Path file(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
    } catch (FileAlreadyExistsException e) {
      restrict(file);
    }
    return file;
  }

  /** A random secret (hex) kept in {@code file} (0600), made on first use. */
  public static String secret(Path file) throws IOException {
    if (Files.exists(file)) {
      restrict(file);
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    String secret = HexFormat.of().formatHex(random);
    Files.writeString(file(file), secret, StandardCharsets.UTF_8);
    return secret;
  }

  /** Takes every permission of the group and others away; the owner's stay (scripts run). */
  private static void restrict(Path path) throws IOException {
    try {
      Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
      permissions.addAll(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
      if (permissions.removeIf(p -> !OWNER.contains(p))) {
        Files.setPosixFilePermissions(path, permissions);
      }
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: its own access control applies.
    }
  }
}
