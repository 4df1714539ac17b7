package io.strata.audit.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.audit.AuditCheckpoints;
import io.strata.audit.AuditRecord;
import io.strata.audit.AuditVerification;
import io.strata.audit.ChainAnchor;
import io.strata.infra.csv.CsvRow;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a report as CSV (RFC 4180, through {@link CsvRow}, so no cell runs as a spreadsheet
 * formula): one row per event for the reports that list events, with every field of the event
 * (its hashes too, so a sample can be checked against the trail); the integrity report as one row
 * per finding; the retention report one row per policy set, index deleted and hold placed or
 * released, and the policy in force at the start of the period; the erasures report one row per
 * erasure, its steps joined.
 */
public final class CsvReport {

  static final List<String> EVENT_COLUMNS = List.of("seq", "time", "tenant", "actor_type",
      "actor_id", "actor_name", "source", "user_agent", "action", "target", "params", "outcome",
      "status", "prev_hash", "hash");
  /** The access report's columns: the query and range of each read pulled out of its params. */
  static final List<String> ACCESS_COLUMNS = List.of("seq", "time", "tenant", "actor_type",
      "actor_id", "actor_name", "source", "user_agent", "action", "target", "query", "range_from",
      "range_to", "params", "outcome", "status", "prev_hash", "hash");
  /**
   * The retention report's columns: a row per event, its fields by what it is ({@code
   * record_type} {@code policy_set}: the policy's; {@code index_deleted}: the index's day and
   * class and what went with it; {@code hold_placed}: the hold's), then the policy in force when
   * the period began
   * ({@code policy_at_start}, its {@code note} saying whence). Newest first, as read, so that row
   * comes last.
   */
  static final List<String> RETENTION_COLUMNS = List.of("record_type", "action", "time", "actor",
      "target", "default_days", "profile", "max_days", "streams", "day", "class", "retain_days",
      "expired_at", "events_deleted", "bytes_deleted", "hold_name", "hold_case", "hold_query",
      "hold_from", "hold_to", "reason", "outcome", "status", "audit_seq", "hash", "note");
  /**
   * The erasures report's columns: one row per erasure; {@code audit_seq} is the {@code
   * erasure.complete} event that holds the receipt's hash.
   */
  static final List<String> ERASURE_COLUMNS = List.of("erasure_id", "requested_at",
      "requested_by", "query", "range_from", "range_to", "reason", "state", "state_at",
      "completed_at", "events_matched", "events_erased", "remaining", "receipt_sha256",
      "blocking_holds", "audit_seq");
  static final List<String> INTEGRITY_COLUMNS = List.of("item", "ok", "seq", "hash", "time",
      "key_id", "signature", "detail");

  private final CsvRow csv;

  public CsvReport(ObjectMapper json) {
    this.csv = new CsvRow(json);
  }

  /** The columns of {@code kind}'s CSV. */
  public static List<String> columns(ReportKind kind) {
    return switch (kind) {
      case ACCESS -> ACCESS_COLUMNS;
      case CHANGES -> EVENT_COLUMNS;
      case RETENTION -> RETENTION_COLUMNS;
      case ERASURES -> ERASURE_COLUMNS;
      case INTEGRITY -> INTEGRITY_COLUMNS;
    };
  }

  /** Writes the header row of {@code kind}. */
  public void header(ReportKind kind, OutputStream out) throws IOException {
    write(csv.header(columns(kind)), out);
  }

  /** Writes the row of {@code record} in {@code kind}'s columns. */
  public void event(ReportKind kind, AuditRecord record, OutputStream out) throws IOException {
    if (kind == ReportKind.RETENTION) {
      write(csv.row(RetentionEvents.row(record), RETENTION_COLUMNS), out);
      return;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("seq", record.seq());
    fields.put("time", record.time().toString());
    fields.put("tenant", record.tenant());
    fields.put("actor_type", record.actorType());
    fields.put("actor_id", record.actorId());
    fields.put("actor_name", record.actorName());
    fields.put("source", record.source());
    fields.put("user_agent", record.userAgent());
    fields.put("action", record.action());
    fields.put("target", record.target());
    Map<String, String> params = record.params() == null ? Map.of() : record.params();
    fields.put("query", params.get("q"));
    fields.put("range_from", params.get("from"));
    fields.put("range_to", params.get("to"));
    fields.put("params", params);
    fields.put("outcome", record.outcome());
    fields.put("status", record.status());
    fields.put("prev_hash", record.prevHash());
    fields.put("hash", record.hash());
    write(csv.row(fields, columns(kind)), out);
  }

  /** Writes the retention report's row of the policy in force when the period began. */
  void policyAtStart(RetentionTotals.Start start, OutputStream out) throws IOException {
    write(csv.row(RetentionEvents.policyAtStart(start.policy(), start.note()), RETENTION_COLUMNS),
        out);
  }

  /** Writes the erasures report's rows (after its header). */
  void erasures(List<ErasureRow> rows, OutputStream out) throws IOException {
    for (ErasureRow row : rows) {
      write(csv.row(row.csv(), ERASURE_COLUMNS), out);
    }
  }

  /** Writes the integrity report's rows (after its header). */
  public void integrity(ReportHeader header, AuditVerification verification, ChainAnchor anchor,
      OutputStream out) throws IOException {
    for (Map<String, Object> row : integrityRows(header, verification, anchor)) {
      write(csv.row(row, INTEGRITY_COLUMNS), out);
    }
  }

  static List<Map<String, Object>> integrityRows(ReportHeader header,
      AuditVerification verification, ChainAnchor anchor) {
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(row("verification", verification.ok(), null, null, header.generatedAt().toString(),
        null, null, verification.verifiedEvents() + " events and "
            + verification.verifiedCheckpoints() + " signed checkpoints verified from "
            + (header.from() == null ? "the start of the trail" : header.from()) + " to "
            + header.to() + (verification.ok() ? "; the chain is intact" : "; problems found")));
    for (AuditVerification.Problem problem : verification.problems()) {
      rows.add(row("problem", false, problem.seq(), null, null, null, null,
          problem.kind() + ": " + problem.detail()));
    }
    rows.add(row("head", null, anchor.headSeq(), anchor.headHash(), null, null, null,
        "the newest event of the chain"));
    AuditCheckpoints.Checkpoint checkpoint = anchor.checkpoint();
    if (checkpoint == null) {
      rows.add(row("checkpoint", null, null, null, null, null, null, "no checkpoint signed yet"));
    } else {
      rows.add(row("checkpoint", anchor.checkpointVerifies(), checkpoint.seq(), checkpoint.hash(),
          checkpoint.time().toString(), checkpoint.keyId(), checkpoint.signature(),
          anchor.checkpointVerifies() ? "the signature verifies with the platform's key"
              : "the signature does NOT verify with the platform's key"));
    }
    rows.add(row("signing_key", null, null, null, null, anchor.keyId(), null,
        "Ed25519; the public key is at GET /api/v1/audit/public-key"));
    return rows;
  }

  private static Map<String, Object> row(String item, Boolean ok, Long seq, String hash,
      String time, String keyId, String signature, String detail) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("item", item);
    row.put("ok", ok);
    row.put("seq", seq);
    row.put("hash", hash);
    row.put("time", time);
    row.put("key_id", keyId);
    row.put("signature", signature);
    row.put("detail", detail);
    return row;
  }

  private static void write(String text, OutputStream out) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
