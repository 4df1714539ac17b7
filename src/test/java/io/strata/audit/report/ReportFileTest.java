package io.strata.audit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report's file: hashed as written, bounded, private, and gone from disk once opened. */
class ReportFileTest {

  @TempDir
  Path dir;

  @Test
  void itsHashIsThatOfItsBytesAndItLeavesNoFileBehindOnceOpened() throws Exception {
    byte[] bytes = "seq,time\r\n1,2026-05-04T08:00:00Z\r\n".getBytes(StandardCharsets.UTF_8);
    ReportFile file = new ReportFile(dir, ".csv", 1024);
    file.output().write(bytes);
    try (var files = Files.list(dir)) {
      Path written = files.findFirst().orElseThrow();
      assertThat(Files.getPosixFilePermissions(written))
          .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
    String sha256 = file.finish();
    assertThat(sha256).isEqualTo(HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(bytes)));
    assertThat(file.size()).isEqualTo(bytes.length);
    try (InputStream in = file.open()) {
      try (var files = Files.list(dir)) {
        assertThat(files).isEmpty();
      }
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
  }

  @Test
  void aReportPastItsBoundIsRefusedAndRemoved() throws Exception {
    ReportFile file = new ReportFile(dir, ".pdf", 10);
    file.output().write(new byte[10]);
    assertThatThrownBy(() -> file.output().write(1)).isInstanceOfSatisfying(
        ReportTooLargeException.class, e -> assertThat(e.status()).isEqualTo(422));
    file.discard();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }
}
