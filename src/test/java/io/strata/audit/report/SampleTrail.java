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
    return new ReportContent(header(kind), kind.listsEvents() ? summary(kind) : null,
        verification, anchor());
  }
}
