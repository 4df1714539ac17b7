package io.strata.audit.report;

import io.strata.audit.AuditCheckpoints;
import io.strata.audit.AuditHashing;
import io.strata.audit.AuditRecord;
import io.strata.audit.ChainAnchor;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small trail of tenant acme made in memory, hash-chained as the platform chains it, and a
 * checkpoint of it signed with a key made for the purpose: what the report tests and the example
 * report are made from.
 */
final class SampleTrail {

  static final String CHAIN = "acme";
  static final Instant START = Instant.parse("2026-05-04T08:00:00Z");
  static final Instant END = Instant.parse("2026-05-04T18:00:00Z");
  static final Instant GENERATED = Instant.parse("2026-05-05T07:30:00Z");
  static final String FORMULA_QUERY = "=HYPERLINK(\"http://evil.example\",\"x\")";

  final List<AuditRecord> records = new ArrayList<>();
  private String prev = AuditHashing.GENESIS;

  /** The sample: searches, an export and a tail by a user and a key, changes, a refusal. */
  static SampleTrail acme() {
    SampleTrail trail = new SampleTrail();
    trail.add(0, "user", "alice", "alice", "console.sign_in", "alice", Map.of(), "success", 200);
    trail.add(5, "user", "alice", "alice", "search", null,
        Map.of("q", "level:ERROR AND service:checkout", "from", "now-1h", "to", "now"), "success", 200);
    trail.add(7, "user", "alice", "alice", "histogram", null,
        Map.of("q", "level:ERROR AND service:checkout", "from", "now-1h", "to", "now"), "success", 200);
    trail.add(9, "user", "alice", "alice", "event", "20260504.abc123", Map.of(), "success", 200);
    trail.add(20, "api_key", "key_eea2379785830581", "ci", "search", null,
        Map.of("q", "trace_id:4bf92f3577b34da6a3ce929d0e0e4736"), "success", 200);
    trail.add(21, "api_key", "key_eea2379785830581", "ci", "export", null,
        Map.of("q", "service:payments", "format", "csv", "from", "2026-05-04T00:00:00Z"), "success", 200);
    trail.add(30, "user", "alice", "alice", "key.create", "key_2321e9556fa52e23",
        Map.of("name", "checkout-service", "scopes", "ingest"), "success", 200);
    trail.add(31, "user", "bob", "bob", "key.create", null, Map.of("name", "nope"), "denied", 403);
    trail.add(40, "user", "alice", "alice", "saved_search.create", "s_12",
        Map.of("name", "errors", "q", "level:ERROR"), "success", 200);
    trail.add(45, "user", "alice", "alice", "tail.start", null, Map.of("q", "service:checkout"), "success", 200);
    trail.add(55, "user", "alice", "alice", "tail.end", null,
        Map.of("q", "service:checkout", "reason", "closed", "sent", "1520"), "success", 200);
    trail.add(60, "user", "bob", "bob", "audit.read", CHAIN, Map.of("action", "search"), "success", 200);
    trail.add(70, "api_key", "key_eea2379785830581", "ci", "search", null, Map.of("q", FORMULA_QUERY), "success", 200);
    trail.add(75, "user", "bob", "bob", "search", null,
        Map.of("q", "message:\"naïve café 日本語 🚀\"\ttab €"), "success", 200);
    trail.add(80, "user", "alice", "alice", "search", null, Map.of("q", "level:(ERROR"), "error", 400);
    trail.add(90, "user", "alice", "alice", "key.revoke", "key_2321e9556fa52e23", Map.of("tenant", CHAIN), "success", 200);
    trail.add(95, "user", "alice", "alice", "search", null,
        Map.of("q", "level:ERROR AND service:checkout", "from", "now-15m", "to", "now"), "success", 200);
    return trail;
  }

  static final String RECEIPT_SHA256 =
      "9f2c4e0b7a1d3f5e6c8b0a2d4f6e8c0b1a3d5f7e9c1b3a5d7f9e1c3b5a7d9f1e";

  /**
   * A trail of retention and erasures: a policy set before the period and one in it (and one
   * refused), an index deleted, a hold placed and released; an erasure cancelled, one completed,
   * one blocked by a hold, and a request refused.
   */
  static SampleTrail retention() {
    SampleTrail trail = new SampleTrail();
    trail.add(-600, "user", "alice", "alice", "retention.update", CHAIN, Map.of(
        "default_days", "400", "profile", "none", "streams", "[]"), "success", 200);
    trail.add(5, "user", "alice", "alice", "search", null, Map.of("q", "x"), "success", 200);
    trail.add(10, "user", "alice", "alice", "retention.update", CHAIN, Map.of(
        "default_days", "30", "profile", "pci-dss", "max_days", "400", "streams",
        "[{\"name\":\"payments\",\"selector\":\"service:payments\",\"days\":90,"
            + "\"priority\":null}]"), "success", 200);
    trail.add(11, "user", "bob", "bob", "retention.update", CHAIN, Map.of(
        "default_days", "1", "profile", "none", "streams", "[]"), "error", 400);
    trail.add(20, "system", "retention", "retention", "retention.delete", "2026-01-31/payments",
        Map.of("day", "2026-01-31", "class", "payments", "days", "90", "expired_at",
            "2026-05-01T00:00:00Z", "events", "1234567", "bytes", "5242880"), "success", 200);
    trail.add(30, "user", "alice", "alice", "hold.create", "hold_1", Map.of("name", "Case 1",
        "case", "C-1", "query", "service:payments", "reason", "litigation"), "success", 200);
    trail.add(40, "user", "alice", "alice", "hold.release", "hold_1", Map.of(), "success", 200);
    trail.add(50, "user", "alice", "alice", "erasure.request", "era_1", Map.of(
        "query", "user.email:\"a@b.example\"", "from", "1970-01-01T00:00:00Z",
        "to", "2026-05-04T08:50:00Z", "reason", "changed mind"), "success", 200);
    trail.add(51, "user", "alice", "alice", "erasure.cancel", "era_1", Map.of(), "success", 200);
    trail.add(60, "user", "alice", "alice", "erasure.request", "era_2", Map.of(
        "query", "user.email:\"c@d.example\"", "from", "2026-04-01T00:00:00Z",
        "to", "2026-05-04T09:00:00Z", "reason", "Art. 17 request #12"), "success", 200);
    trail.add(70, "system", "erasure", "erasure", "erasure.start", "era_2", Map.of(), "success",
        200);
    trail.add(71, "system", "erasure", "erasure", "erasure.complete", "era_2", Map.of(
        "receipt_sha256", RECEIPT_SHA256, "matched", "2", "deleted", "2", "remaining", "0"),
        "success", 200);
    trail.add(72, "user", "alice", "alice", "erasure.cancel", "era_2", Map.of(), "error", 409);
    trail.add(75, "user", "bob", "bob", "erasure.request", null, Map.of("query", "*:*",
        "reason", "r"), "error", 400);
    trail.add(80, "user", "alice", "alice", "erasure.request", "era_3", Map.of(
        "query", "user.email:\"e@f.example\"", "from", "1970-01-01T00:00:00Z",
        "to", "2026-05-04T09:20:00Z", "reason", "Art. 17"), "success", 200);
    trail.add(85, "system", "erasure", "erasure", "erasure.block", "era_3", Map.of("holds",
        "hold_2"), "success", 200);
    return trail;
  }

  /** The events of {@code kind} in the period, newest first, as the service reads them. */
  List<AuditRecord> inPeriod(ReportKind kind) {
    return newestFirst(kind).stream().filter(r -> !r.time().isBefore(START)).toList();
  }

  /** The retention totals of the period, started with the last policy set before it. */
  RetentionTotals retentionTotals() {
    RetentionTotals totals = new RetentionTotals();
    inPeriod(ReportKind.RETENTION).forEach(totals::add);
    totals.startWith(RetentionTotals.Start.of(records.stream()
        .filter(r -> r.action().equals("retention.update") && r.time().isBefore(START)
            && r.outcome().equals("success"))
        .reduce((a, b) -> b).orElse(null)));
    return totals;
  }

  /** The erasures of the period, joined. */
  ErasureLedger erasures() {
    ErasureLedger ledger = new ErasureLedger();
    inPeriod(ReportKind.ERASURES).forEach(ledger::add);
    return ledger;
  }

  /** Appends an event {@code minutes} after {@link #START}, chained to the one before. */
  AuditRecord add(int minutes, String actorType, String actorId, String actorName, String action,
      String target, Map<String, String> params, String outcome, int status) {
    AuditRecord unhashed = new AuditRecord(CHAIN, records.size() + 1L,
        START.plusSeconds(minutes * 60L), CHAIN, actorType, actorId, actorName, "10.0.0.7",
        "Mozilla/5.0", action, target, new TreeMap<>(params), outcome, status, prev, null);
    String hash = AuditHashing.hash(prev, unhashed);
    AuditRecord record = new AuditRecord(unhashed.chain(), unhashed.seq(), unhashed.time(),
        unhashed.tenant(), unhashed.actorType(), unhashed.actorId(), unhashed.actorName(),
        unhashed.source(), unhashed.userAgent(), unhashed.action(), unhashed.target(),
        unhashed.params(), unhashed.outcome(), unhashed.status(), prev, hash);
    records.add(record);
    prev = hash;
    return record;
  }

  /** The events of {@code kind}, newest first, as the service reads them. */
  List<AuditRecord> newestFirst(ReportKind kind) {
    return records.reversed().stream().filter(r -> kind.includes(r.action())).toList();
  }

  ReportSummary summary(ReportKind kind) {
    ReportSummary summary = new ReportSummary();
    newestFirst(kind).forEach(summary::add);
    return summary;
  }

  ReportHeader header(ReportKind kind) {
    return new ReportHeader(kind, CHAIN, START, END, "bob (user)", GENERATED);
  }

  /** The head of the sample and a checkpoint of its next-to-last event, really signed. */
  ChainAnchor anchor() {
    AuditRecord head = records.getLast();
    AuditRecord signed = records.get(records.size() - 2);
    Instant at = signed.time().plusSeconds(30);
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      String keyId = HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded()), 0, 8);
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(pair.getPrivate());
      signature.update(("strata-audit-checkpoint\n" + CHAIN + "\n" + signed.seq() + "\n"
          + signed.hash() + "\n" + at).getBytes(StandardCharsets.UTF_8));
      AuditCheckpoints.Checkpoint checkpoint = new AuditCheckpoints.Checkpoint(CHAIN,
          signed.seq(), signed.hash(), at, keyId,
          Base64.getEncoder().encodeToString(signature.sign()));
      return new ChainAnchor(CHAIN, head.seq(), head.hash(), checkpoint, true, keyId);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  ReportContent content(ReportKind kind, io.strata.audit.AuditVerification verification) {
    ReportSummary summary = null;
    if (kind.listsEvents()) {
      summary = new ReportSummary();
      inPeriod(kind).forEach(summary::add);
    }
    return new ReportContent(header(kind), summary, verification, anchor(),
        kind == ReportKind.RETENTION ? retentionTotals() : null,
        kind == ReportKind.ERASURES ? erasures() : null);
  }
}
