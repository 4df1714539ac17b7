package io.strata.ui.audit;

import io.strata.audit.AuditQuery;
import io.strata.audit.AuditRecord;
import io.strata.audit.AuditService;
import io.strata.security.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Serves the trail grid's lazy requests (offset, limit) from the trail's cursor pages: fetched in
 * order as the user scrolls, each one a read recorded in the trail as the API's are, and kept, so
 * scrolling back reads nothing again.
 */
final class AuditPages {

  private static final int PAGE = 100;
  private static final int MAX_KEPT = 10_000;

  private final AuditService audits;
  private final Caller caller;
  private final AuditQuery query;
  private final List<AuditRecord> loaded = new ArrayList<>();
  private Long before;
  private boolean done;

  AuditPages(AuditService audits, Caller caller, AuditQuery query) {
    this.audits = audits;
    this.caller = caller;
    this.query = query;
  }

  /** Reads the first page, so that a problem (a bad filter, the trail down) shows at once. */
  void first() {
    if (loaded.isEmpty() && !done) {
      next();
    }
  }

  Stream<AuditRecord> fetch(int offset, int limit) {
    while (!done && loaded.size() < offset + limit && loaded.size() < MAX_KEPT) {
      next();
    }
    if (offset >= loaded.size()) {
      return Stream.empty();
    }
    return loaded.subList(offset, Math.min(loaded.size(), offset + limit)).stream();
  }

  private void next() {
    List<AuditRecord> page = audits.read(caller, query, PAGE, before);
    loaded.addAll(page);
    done = page.size() < PAGE;
    if (!page.isEmpty()) {
      before = page.getLast().seq();
    }
  }
}
