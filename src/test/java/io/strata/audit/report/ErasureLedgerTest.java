package io.strata.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.audit.AuditRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Joining the steps of erasures: order, steps before the period, failures, refusals. */
class ErasureLedgerTest {

  @Test
  void theNewestStepGivesTheStateWhateverTheOrderTheyComeIn() {
    SampleTrail trail = new SampleTrail();
    AuditRecord request = trail.add(1, "user", "alice", "alice", "erasure.request", "era_1",
        Map.of("query", "user.id:7", "reason", "r"), "success", 200);
    AuditRecord start = trail.add(2, "system", "erasure", "erasure", "erasure.start", "era_1",
        Map.of(), "success", 200);
    AuditRecord failure = trail.add(3, "system", "erasure", "erasure", "erasure.complete",
        "era_1", Map.of(), "error", 500);
    for (List<AuditRecord> order : List.of(List.of(request, start, failure),
        List.of(failure, start, request), List.of(start, failure, request))) {
      ErasureLedger ledger = new ErasureLedger();
      order.forEach(ledger::add);
      ErasureRow row = ledger.rows().getFirst();
      assertThat(row.state()).isEqualTo("failed");
      assertThat(row.stateAt()).isEqualTo(failure.time());
      assertThat(row.completedAt()).isNull();
      assertThat(row.receiptSha256()).isNull();
      assertThat(row.query()).isEqualTo("user.id:7");
    }
  }

  @Test
  void anErasureRequestedBeforeThePeriodHasItsRequestReadBack() {
    SampleTrail trail = new SampleTrail();
    AuditRecord request = trail.add(-30, "user", "alice", "alice", "erasure.request", "era_1",
        Map.of("query", "user.id:7", "reason", "r"), "success", 200);
    AuditRecord start = trail.add(-20, "system", "erasure", "erasure", "erasure.start", "era_1",
        Map.of(), "success", 200);
    AuditRecord done = trail.add(5, "system", "erasure", "erasure", "erasure.complete", "era_1",
        Map.of("receipt_sha256", "ab", "matched", "1", "deleted", "1", "remaining", "0"),
        "success", 200);
    AuditRecord other = trail.add(-40, "user", "alice", "alice", "erasure.request", "era_0",
        Map.of("query", "user.id:8", "reason", "r"), "success", 200);
    ErasureLedger ledger = new ErasureLedger();
    ledger.add(done);
    assertThat(ledger.requestsMissing()).isTrue();
    ledger.addEarlier(start);
    assertThat(ledger.requestsMissing()).isTrue();
    ledger.addEarlier(request);
    ledger.addEarlier(other);
    assertThat(ledger.requestsMissing()).isFalse();
    // Only the erasure with a step in the period is listed.
    assertThat(ledger.rows()).singleElement().satisfies(row -> {
      assertThat(row.id()).isEqualTo("era_1");
      assertThat(row.requestedAt()).isEqualTo(request.time());
      assertThat(row.requestedBy()).isEqualTo("alice (user)");
      assertThat(row.state()).isEqualTo("completed");
      assertThat(row.auditSeq()).isEqualTo(done.seq());
      assertThat(row.erased()).isEqualTo("1");
    });
  }

  @Test
  void refusedRequestsAndRefusedStepsOfNoErasureAreNotListed() {
    SampleTrail trail = new SampleTrail();
    ErasureLedger ledger = new ErasureLedger();
    ledger.add(trail.add(1, "user", "bob", "bob", "erasure.request", null,
        Map.of("query", "*:*", "reason", "r"), "error", 400));
    ledger.add(trail.add(2, "user", "bob", "bob", "erasure.cancel", "era_nope", Map.of(),
        "error", 404));
    assertThat(ledger.rows()).isEmpty();
    assertThat(ledger.refused()).isEqualTo(1);
    assertThat(ledger.requestsMissing()).isFalse();
  }
}
