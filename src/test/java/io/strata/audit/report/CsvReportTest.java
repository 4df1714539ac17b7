package io.strata.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.audit.AuditRecord;
import io.strata.audit.AuditVerification;
import io.strata.audit.ChainAnchor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV reports: every row of the population, in their columns, formula-safe. */
class CsvReportTest {

  private final SampleTrail trail = SampleTrail.acme();
  private final CsvReport csv = new CsvReport(new ObjectMapper());

  private String report(ReportKind kind) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    csv.header(kind, out);
    for (AuditRecord record : trail.newestFirst(kind)) {
      csv.event(kind, record, out);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theAccessReportHasARowForEveryReadWithItsQueryAndRange() throws Exception {
    String report = report(ReportKind.ACCESS);
    List<String> lines = report.lines().toList();
    assertThat(report).contains("\r\n");
    assertThat(lines.getFirst()).isEqualTo("seq,time,tenant,actor_type,actor_id,actor_name,source,"
        + "user_agent,action,target,query,range_from,range_to,params,outcome,status,prev_hash,hash");
    // The full population: the 11 reads of the sample, newest first, and nothing else.
    assertThat(lines).hasSize(1 + 11);
    assertThat(lines.get(1)).startsWith("17,2026-05-04T09:35:00Z,acme,user,alice,alice,")
        .contains(",search,,level:ERROR AND service:checkout,now-15m,now,")
        .endsWith("," + trail.records.getLast().hash());
    assertThat(lines.getLast()).startsWith("2,").contains(",search,");
    assertThat(lines).noneMatch(l -> l.contains("key.create") || l.contains("audit.read")
        || l.contains("console.sign_in"));
    // Params stay whole, as JSON in one quoted cell.
    assertThat(lines).anyMatch(l -> l.contains(
        "\"{\"\"format\"\":\"\"csv\"\",\"\"from\"\":\"\"2026-05-04T00:00:00Z\"\",\"\"q\"\":\"\"service:payments\"\"}\""));
  }

  @Test
  void aQueryASpreadsheetWouldRunIsDefused() throws Exception {
    String report = report(ReportKind.ACCESS);
    // The query cell gets a leading quote and is quoted itself, so it stays text.
    assertThat(report).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",")
        .doesNotContain(",=HYPERLINK");
  }

  @Test
  void theChangesReportHasEveryChangeAndNoRead() throws Exception {
    List<String> lines = report(ReportKind.CHANGES).lines().toList();
    assertThat(lines.getFirst()).isEqualTo(String.join(",", CsvReport.EVENT_COLUMNS));
    assertThat(lines).hasSize(1 + 4);
    assertThat(lines.subList(1, 5)).extracting(l -> l.split(",")[8])
        .containsExactly("key.revoke", "saved_search.create", "key.create", "key.create");
    assertThat(lines.get(3)).contains(",denied,403,");
  }

  @Test
  void retentionAndErasuresHaveTheirHeaderOnly() throws Exception {
    assertThat(report(ReportKind.RETENTION)).isEqualTo(
        String.join(",", CsvReport.RETENTION_COLUMNS) + "\r\n");
    assertThat(report(ReportKind.ERASURES)).isEqualTo(
        String.join(",", CsvReport.ERASURE_COLUMNS) + "\r\n");
  }

  @Test
  void theIntegrityReportHasTheVerificationItsProblemsTheHeadAndTheSignedCheckpoint()
      throws Exception {
    ChainAnchor anchor = trail.anchor();
    AuditVerification failed = new AuditVerification(17, 0, false, List.of(
        new AuditVerification.Problem("chain", 4L, null, "events 4 to 4 are missing")), 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    csv.header(ReportKind.INTEGRITY, out);
    csv.integrity(trail.header(ReportKind.INTEGRITY), failed, anchor, out);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.getFirst()).isEqualTo("item,ok,seq,hash,time,key_id,signature,detail");
    assertThat(lines.get(1)).startsWith("verification,false,,,2026-05-05T07:30:00Z,,,")
        .contains("17 events and 1 signed checkpoints verified from 2026-05-04T08:00:00Z");
    assertThat(lines.get(2)).isEqualTo("problem,false,4,,,,,chain: events 4 to 4 are missing");
    assertThat(lines.get(3)).startsWith("head,,17," + anchor.headHash() + ",");
    assertThat(lines.get(4)).startsWith("checkpoint,true,16," + anchor.checkpoint().hash() + ","
        + anchor.checkpoint().time() + "," + anchor.keyId() + ",")
        .contains(anchor.checkpoint().signature().replaceFirst("^([=+\\-@])", "'$1"));
    assertThat(lines.get(5)).startsWith("signing_key,,,,," + anchor.keyId() + ",");
    assertThat(lines).hasSize(6);
  }
}
