package io.strata.audit.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One erasure as the erasures report shows it: its request, what became of it by the end of the
 * period, and the counts and receipt hash of its completion, all read from the trail.
 *
 * @param requestedAt null (and so the request's other fields) when the request is not in the trail
 *     read: the erasure's later steps are shown all the same
 * @param state {@code pending}, {@code running}, {@code completed}, {@code cancelled}, {@code
 *     blocked_by_hold} or {@code failed}, as the newest step of the erasure in the period says
 * @param stateAt when the erasure came to {@code state}
 * @param auditSeq the {@code erasure.complete} event that holds the receipt's hash, null until one
 */
record ErasureRow(String id, Instant requestedAt, String requestedBy, String query,
    String rangeFrom, String rangeTo, String reason, String state, Instant stateAt,
    Instant completedAt, String matched, String erased, String remaining, String receiptSha256,
    String blockingHolds, Long auditSeq) {

  /** The row in {@link CsvReport#ERASURE_COLUMNS}. */
  Map<String, Object> csv() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("erasure_id", id);
    row.put("requested_at", text(requestedAt));
    row.put("requested_by", requestedBy);
    row.put("query", query);
    row.put("range_from", rangeFrom);
    row.put("range_to", rangeTo);
    row.put("reason", reason);
    row.put("state", state);
    row.put("state_at", text(stateAt));
    row.put("completed_at", text(completedAt));
    row.put("events_matched", matched);
    row.put("events_erased", erased);
    row.put("remaining", remaining);
    row.put("receipt_sha256", receiptSha256);
    row.put("blocking_holds", blockingHolds);
    row.put("audit_seq", auditSeq);
    return row;
  }

  private static String text(Instant time) {
    return time == null ? null : time.toString();
  }
}
