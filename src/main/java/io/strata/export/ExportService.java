package io.strata.export;

import io.strata.infra.csv.CsvRow;
import io.strata.security.Caller;
import io.strata.audit.Audited;
import io.strata.audit.AuditTrail;
import io.strata.audit.AuditExempt;
import io.strata.audit.AuditEntry;
import io.strata.cluster.MissingNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.strata.infra.http.ProblemException;
import io.strata.pipeline.EventFields;
import io.strata.search.Cursor;
import io.strata.search.EventFilter;
import io.strata.search.EventFilters;
import io.strata.search.SearchService;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams every matching event of a tenant, newest first, page by page: memory stays at one page
 * whatever the export's size, and each page costs the same (the range is cut at the previous
 * page's last event, a points range on the event time).
 */
@ApplicationScoped
public class ExportService {

  /** CSV columns when the caller names none. */
  static final List<String> DEFAULT_COLUMNS = List.of(EventFields.TIMESTAMP, EventFields.LEVEL,
      EventFields.SERVICE, EventFields.HOST, EventFields.MESSAGE, EventFields.ID);
  static final int MAX_COLUMNS = 100;
  private static final int PAGE = 1000;

  private final SearchService search;
  private final EventFilters filters;
  private final ObjectMapper json;
  private final MeterRegistry metrics;

  private final AuditTrail audit;

  ExportService(SearchService search, EventFilters filters, ObjectMapper json,
      MeterRegistry metrics, AuditTrail audit) {
    this.audit = audit;
    this.search = search;
    this.filters = filters;
    this.json = json;
    this.metrics = metrics;
  }

  /**
   * An export checked and ready to stream: everything that can be wrong is found here, and the
   * export is recorded in the audit trail before its first byte is sent.
   */
  @Audited("export")
  public Export prepare(Caller caller, String q, String from, String to, String format,
      String fields, Integer limit, boolean allowPartial) {
    return audit.auditedNow(AuditEntry.success(caller, "export", null, AuditEntry.params(
            "q", q, "from", from, "to", to, "format", format, "fields", fields, "limit", limit,
            "allow_partial", allowPartial)),
        () -> prepare(caller.requireTenant(), q, from, to, format, fields, limit, allowPartial));
  }

  private Export prepare(String tenant, String q, String from, String to, String format,
      String fields, Integer limit, boolean allowPartial) {
    EventFilter filter = filters.parse(q, from, to);
    ExportFormat exportFormat = ExportFormat.parse(format);
    if (limit != null && limit < 1) {
      throw ProblemException.badRequest("invalid-limit", "'limit' must be at least 1, was " + limit
          + ".").with("parameter", "limit");
    }
    List<String> columns = columns(fields);
    long max = limit == null ? Long.MAX_VALUE : limit;
    // The first page before the first byte: a node that cannot be asked is still a problem to
    // answer, not a gap in a download that looks complete.
    SearchService.Page first = nextPage(tenant, filter, max, allowPartial, 0, null);
    return new Export(tenant, filter, exportFormat, columns, max, allowPartial, first);
  }

  /** The next page; unless the export allows it, a page a node is missing from ends it. */
  private SearchService.Page nextPage(String tenant, EventFilter filter, long limit,
      boolean allowPartial, long written, Cursor cursor) {
    int size = (int) Math.min(PAGE, limit - written);
    SearchService.Page page = search.page(tenant, filter, size, cursor, false);
    if (!page.missing().isEmpty() && !allowPartial) {
      throw new ProblemException(503, "nodes-unavailable", "Service unavailable",
          "Not every node holding the tenant's indexes answered, so the export would miss their"
              + " events. Try again, or export what the others hold with allow_partial=true.")
          .with("missing", page.missing()).retryAfter(10);
    }
    return page;
  }

  /** Writes {@code export} to {@code out}; returns the number of events written. */
  @AuditExempt("streams an export that prepare recorded")
  public long write(Export export, OutputStream out) throws IOException {
    BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
    CsvRow csv = new CsvRow(json);
    if (export.format() == ExportFormat.CSV) {
      buffered.write(csv.header(export.columns()).getBytes(StandardCharsets.UTF_8));
    }
    long written = 0;
    Cursor cursor = null;
    do {
      // A node lost midway cuts the download short (the status is sent): an incomplete transfer,
      // which clients report, rather than a file that looks whole.
      SearchService.Page page = cursor == null ? export.first() : nextPage(export.tenant(),
          export.filter(), export.limit(), export.allowPartial(), written, cursor);
      for (Map<String, Object> event : page.events()) {
        if (export.format() == ExportFormat.CSV) {
          buffered.write(csv.row(event, export.columns()).getBytes(StandardCharsets.UTF_8));
        } else {
          json.writeValue(new NonClosing(buffered), event);
          buffered.write('\n');
        }
      }
      written += page.events().size();
      cursor = page.nextCursor();
      // Each page reaches the client as it is made: a slow download holds one page, not the export.
      buffered.flush();
    } while (cursor != null && written < export.limit());
    metrics.counter("strata.export.events", "tenant", export.tenant()).increment(written);
    return written;
  }

  private static List<String> columns(String fields) {
    if (fields == null || fields.isBlank()) {
      return DEFAULT_COLUMNS;
    }
    Set<String> columns = new LinkedHashSet<>();
    for (String name : fields.split(",")) {
      if (!name.isBlank()) {
        columns.add(name.trim());
      }
    }
    if (columns.isEmpty() || columns.size() > MAX_COLUMNS) {
      throw ProblemException.badRequest("invalid-fields", "'fields' must name 1 to " + MAX_COLUMNS
          + " columns, comma-separated.").with("parameter", "fields");
    }
    return new ArrayList<>(columns);
  }

  /** A checked export, with its first page, read when it was checked. */
  public record Export(String tenant, EventFilter filter, ExportFormat format,
      List<String> columns, long limit, boolean allowPartial, SearchService.Page first) {

    /** The nodes the first page is missing (only with {@code allowPartial}). */
    public List<MissingNode> missing() {
      return first.missing();
    }
  }

  /** Jackson closes the stream it writes a value to; the export goes on after each event. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
