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
import java.util.Map;
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
  void theRetentionReportHasARowPerPolicyDeletionAndHoldThenThePolicyInForceAtTheStart()
      throws Exception {
    SampleTrail sample = SampleTrail.retention();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    csv.header(ReportKind.RETENTION, out);
    for (AuditRecord record : sample.inPeriod(ReportKind.RETENTION)) {
      csv.event(ReportKind.RETENTION, record, out);
    }
    csv.policyAtStart(sample.retentionTotals().start(), out);
    List<Map<String, String>> rows = rows(out, CsvReport.RETENTION_COLUMNS);

    assertThat(rows).extracting(r -> r.get("record_type")).containsExactly("hold_released",
        "hold_placed", "index_deleted", "policy_set", "policy_set", "policy_at_start");
    AuditRecord deletion = sample.records.stream()
        .filter(r -> r.action().equals("retention.delete")).findFirst().orElseThrow();
    assertThat(rows.get(2)).containsEntry("action", "retention.delete")
        .containsEntry("time", "2026-05-04T08:20:00Z")
        .containsEntry("actor", "retention (system)")
        .containsEntry("target", "2026-01-31/payments").containsEntry("day", "2026-01-31")
        .containsEntry("class", "payments").containsEntry("retain_days", "90")
        .containsEntry("expired_at", "2026-05-01T00:00:00Z")
        .containsEntry("events_deleted", "1234567").containsEntry("bytes_deleted", "5242880")
        .containsEntry("outcome", "success")
        .containsEntry("audit_seq", Long.toString(deletion.seq()))
        .containsEntry("hash", deletion.hash()).containsEntry("default_days", "");
    assertThat(rows.get(3)).containsEntry("default_days", "1").containsEntry("outcome", "error")
        .containsEntry("status", "400").containsEntry("actor", "bob (user)");
    assertThat(rows.get(4)).containsEntry("default_days", "30")
        .containsEntry("profile", "pci-dss").containsEntry("max_days", "400")
        .containsEntry("streams",
            "[{\"name\":\"payments\",\"selector\":\"service:payments\",\"days\":90,"
                + "\"priority\":null}]");
    assertThat(rows.get(1)).containsEntry("hold_name", "Case 1").containsEntry("hold_case", "C-1")
        .containsEntry("hold_query", "service:payments").containsEntry("reason", "litigation")
        .containsEntry("target", "hold_1");
    assertThat(rows.get(0)).containsEntry("target", "hold_1").containsEntry("hold_name", "");
    // The policy set before the period, with the event that set it.
    assertThat(rows.get(5)).containsEntry("action", "retention.update")
        .containsEntry("default_days", "400").containsEntry("audit_seq", "1")
        .containsEntry("time", "2026-05-03T22:00:00Z")
        .containsEntry("note", "set before the period and in force at its start");
  }

  @Test
  void withoutAPolicyBeforeThePeriodTheRetentionReportSaysThePlatformDefaultApplied()
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    csv.policyAtStart(RetentionTotals.Start.of(null), out);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("policy_at_start"
        + ",".repeat(CsvReport.RETENTION_COLUMNS.size() - 1)
        + "no policy of the tenant's own had been set: the platform default applied at the start"
        + " of the period\r\n");
  }

  @Test
  void theErasuresReportHasARowPerErasureWithItsStepsJoined() throws Exception {
    SampleTrail sample = SampleTrail.retention();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    csv.header(ReportKind.ERASURES, out);
    csv.erasures(sample.erasures().rows(), out);
    List<Map<String, String>> rows = rows(out, CsvReport.ERASURE_COLUMNS);

    // Newest request first; the refused request (no id) is not an erasure.
    assertThat(rows).extracting(r -> r.get("erasure_id")).containsExactly("era_3", "era_2",
        "era_1");
    AuditRecord completion = sample.records.stream()
        .filter(r -> r.action().equals("erasure.complete")).findFirst().orElseThrow();
    // A refused cancel after the completion changes nothing.
    assertThat(rows.get(1)).containsEntry("requested_at", "2026-05-04T09:00:00Z")
        .containsEntry("requested_by", "alice (user)")
        .containsEntry("query", "user.email:\"c@d.example\"")
        .containsEntry("range_from", "2026-04-01T00:00:00Z")
        .containsEntry("range_to", "2026-05-04T09:00:00Z")
        .containsEntry("reason", "Art. 17 request #12").containsEntry("state", "completed")
        .containsEntry("state_at", "2026-05-04T09:11:00Z")
        .containsEntry("completed_at", "2026-05-04T09:11:00Z")
        .containsEntry("events_matched", "2").containsEntry("events_erased", "2")
        .containsEntry("remaining", "0")
        .containsEntry("receipt_sha256", SampleTrail.RECEIPT_SHA256)
        .containsEntry("audit_seq", Long.toString(completion.seq()));
    assertThat(rows.get(2)).containsEntry("state", "cancelled")
        .containsEntry("state_at", "2026-05-04T08:51:00Z").containsEntry("completed_at", "")
        .containsEntry("receipt_sha256", "").containsEntry("audit_seq", "");
    assertThat(rows.get(0)).containsEntry("state", "blocked_by_hold")
        .containsEntry("blocking_holds", "hold_2");
  }

  /** The rows of a CSV without quoted line breaks, by column (quotes undone). */
  private static List<Map<String, String>> rows(ByteArrayOutputStream out, List<String> columns) {
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.getFirst()).isEqualTo(String.join(",", columns));
    return lines.subList(1, lines.size()).stream().map(line -> {
      List<String> cells = cells(line);
      assertThat(cells).as(line).hasSize(columns.size());
      Map<String, String> row = new java.util.LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        row.put(columns.get(i), cells.get(i));
      }
      return row;
    }).toList();
  }

  private static List<String> cells(String line) {
    List<String> cells = new java.util.ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        cell.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
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
