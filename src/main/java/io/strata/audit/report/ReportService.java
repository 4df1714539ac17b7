package io.strata.audit.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.StrataConfig;
import io.strata.audit.AuditEntry;
import io.strata.audit.AuditQuery;
import io.strata.audit.AuditReader;
import io.strata.audit.AuditRecord;
import io.strata.audit.AuditService;
import io.strata.audit.AuditTrail;
import io.strata.audit.AuditUnavailableException;
import io.strata.audit.AuditVerification;
import io.strata.audit.AuditVerifier;
import io.strata.audit.Audited;
import io.strata.audit.ChainAnchor;
import io.strata.audit.ChainAnchors;
import io.strata.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Makes the audit reports of a trail, for the REST API and the console alike. A report is built in
 * full in a temporary file and hashed; then its making is recorded in the trail as {@code
 * report.<kind>} with that SHA-256, and only then is it handed out. If the record cannot be
 * written the report is not given (503): as for every read of the trail, nothing leaves
 * unrecorded.
 */
@ApplicationScoped
public class ReportService {

  private static final int PAGE = 1000;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final DateTimeFormatter FILE_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final AuditService audits;
  private final AuditReader reader;
  private final AuditVerifier verifier;
  private final ChainAnchors anchors;
  private final AuditTrail trail;
  private final InstantSource clock;
  private final ObjectMapper json;
  private final long maxBytes;
  private final Path dir;

  ReportService(AuditService audits, AuditReader reader, AuditVerifier verifier,
      ChainAnchors anchors, AuditTrail trail, InstantSource clock, ObjectMapper json,
      ReportConfig config, StrataConfig strata) {
    this.audits = audits;
    this.reader = reader;
    this.verifier = verifier;
    this.anchors = anchors;
    this.trail = trail;
    this.clock = clock;
    this.json = json;
    this.maxBytes = config.maxSize().asLongValue();
    this.dir = config.tempDir().orElse(strata.dataDir().resolve("reports"));
  }

  /**
   * The report {@code kind} of the caller's trail (its tenant's, the platform's for the operator)
   * over {@code [from, to]} (from the trail's start, up to now, when absent) as {@code format}
   * ({@code csv} by default, or {@code pdf}). A 404 problem for an unknown kind, 400 naming the
   * parameter for a bad format or time, 403 without the {@code audit} scope, 503 when its record
   * cannot be written. Blocking: call it on a worker thread; close what it returns.
   */
  @Audited("report")
  public GeneratedReport generate(Caller caller, String kind, String format, String from,
      String to) {
    // An unknown kind is not recorded: it names no action, and its name is the caller's text.
    ReportKind reportKind = ReportKind.parse(kind);
    String action = "report." + reportKind.slug();
    AuditEntry asked = AuditEntry.success(caller, action, reportKind.slug(),
        AuditEntry.params("from", from, "to", to, "format", format));
    AuditReader.Filter filter;
    ReportFormat reportFormat;
    try {
      filter = audits.filter(caller, new AuditQuery(from, to, null, null, null));
      reportFormat = ReportFormat.parse(format);
    } catch (RuntimeException e) {
      trail.recordFailure(asked, e);
      throw e;
    }
    // Millisecond precision: the period's end is printed and recorded, and reads better so.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    ReportHeader header = new ReportHeader(reportKind, filter.chain(), filter.from(),
        filter.to() == null ? now : filter.to(), ReportHeader.describe(caller), now);
    AuditEntry entry = asked.inChain(filter.chain());
    ReportFile file = null;
    try {
      file = new ReportFile(dir, "." + reportFormat.extension(), maxBytes);
      write(header, filter.to() == null, reportFormat, file.output());
      String sha256 = file.finish();
      trail.recordNow(new AuditEntry(entry.chain(), caller, action, reportKind.slug(),
          AuditEntry.params("from", header.from(), "to", header.to(), "format",
              reportFormat.extension(), "sha256", sha256, "bytes", file.size()),
          entry.outcome(), entry.status()));
      String name = "strata-" + reportKind.slug() + "-report-" + filter.chain() + "-"
          + FILE_DATE.format(now) + "." + reportFormat.extension();
      return new GeneratedReport(name, reportFormat, file.size(), sha256, file.open());
    } catch (IOException e) {
      discard(file);
      UncheckedIOException failure = new UncheckedIOException("the report could not be made", e);
      trail.recordFailure(entry, failure);
      throw failure;
    } catch (AuditUnavailableException e) {
      discard(file);
      throw e;
    } catch (RuntimeException e) {
      discard(file);
      trail.recordFailure(entry, e);
      throw e;
    }
  }

  /**
   * Writes the report. {@code untilNow}: no end was asked for, so the integrity report verifies up
   * to the chain's head (and checks the head itself).
   */
  private void write(ReportHeader header, boolean untilNow, ReportFormat format, OutputStream out)
      throws IOException {
    ReportKind kind = header.kind();
    boolean asCsv = format == ReportFormat.CSV;
    CsvReport csv = new CsvReport(json);
    ReportSummary summary = null;
    RetentionTotals retention = null;
    ErasureLedger erasures = null;
    AuditVerification verification = null;
    if (asCsv) {
      csv.header(kind, out);
    }
    AuditReader.Filter period = new AuditReader.Filter(header.chain(), header.from(),
        header.to(), null, null, null);
    if (kind.listsEvents()) {
      ReportSummary counted = summary = new ReportSummary();
      RetentionTotals totals = retention = kind == ReportKind.RETENTION ? new RetentionTotals()
          : null;
      each(period, kind.actionPatterns(), record -> {
        if (kind.includes(record.action())) {
          counted.add(record);
          if (totals != null) {
            totals.add(record);
          }
          if (asCsv) {
            csv.event(kind, record, out);
          }
        }
        return true;
      });
      if (retention != null) {
        retention.startWith(policyAtStart(header));
        if (asCsv && retention.start() != null) {
          csv.policyAtStart(retention.start(), out);
        }
      }
    }
    if (kind == ReportKind.ERASURES) {
      erasures = erasures(header, period);
      if (asCsv) {
        csv.erasures(erasures.rows(), out);
      }
    }
    ChainAnchor anchor = anchors.of(header.chain());
    if (kind == ReportKind.INTEGRITY) {
      verification = verifier.verify(header.chain(), header.from(), untilNow ? null : header.to());
      if (asCsv) {
        csv.integrity(header, verification, anchor, out);
      }
    }
    if (format == ReportFormat.PDF) {
      new PdfReport().write(new ReportContent(header, summary, verification, anchor, retention,
          erasures), out);
    }
  }

  /**
   * The policy in force when the period began: the last {@code retention.update} that succeeded
   * before it, read from the trail like the rest of the report. Null for the platform's trail,
   * which has no policy (policies are the tenants').
   */
  private RetentionTotals.Start policyAtStart(ReportHeader header) {
    if (AuditEntry.PLATFORM.equals(header.chain())) {
      return null;
    }
    if (header.from() == null) {
      return RetentionTotals.Start.ofTrail();
    }
    List<AuditRecord> last = reader.page(new AuditReader.Filter(header.chain(), null,
            justBefore(header.from()), null, "retention.update", "success"), 1, null)
        .await().atMost(WAIT);
    return RetentionTotals.Start.of(last.isEmpty() ? null : last.getFirst());
  }

  /**
   * The erasures with a step in {@code period}, their steps joined. The request of one that began
   * before the period, and its steps since, are read back from before it, as far as needed.
   */
  private ErasureLedger erasures(ReportHeader header, AuditReader.Filter period)
      throws IOException {
    ReportKind kind = ReportKind.ERASURES;
    ErasureLedger ledger = new ErasureLedger();
    each(period, kind.actionPatterns(), record -> {
      if (kind.includes(record.action())) {
        ledger.add(record);
      }
      return true;
    });
    if (header.from() != null && ledger.requestsMissing()) {
      AuditReader.Filter earlier = new AuditReader.Filter(header.chain(), null,
          justBefore(header.from()), null, null, null);
      each(earlier, kind.actionPatterns(), record -> {
        if (kind.includes(record.action())) {
          ledger.addEarlier(record);
        }
        return ledger.requestsMissing();
      });
    }
    return ledger;
  }

  /** Receives the events of a read, newest first. */
  private interface Sink {
    /** Takes {@code record}; false when no more are wanted. */
    boolean accept(AuditRecord record) throws IOException;
  }

  /** Reads the events of {@code filter} among {@code actionPatterns}, newest first, by pages. */
  private void each(AuditReader.Filter filter, List<String> actionPatterns, Sink sink)
      throws IOException {
    Long before = null;
    while (true) {
      List<AuditRecord> page = reader.page(filter, actionPatterns, PAGE, before)
          .await().atMost(WAIT);
      for (AuditRecord record : page) {
        if (!sink.accept(record)) {
          return;
        }
      }
      if (page.size() < PAGE) {
        return;
      }
      before = page.getLast().seq();
    }
  }

  /**
   * The latest time before {@code from} the trail can hold: its times are in microseconds, and a
   * filter's end is inclusive, while the period includes {@code from} itself.
   */
  private static Instant justBefore(Instant from) {
    return from.minus(1, ChronoUnit.MICROS);
  }

  private static void discard(ReportFile file) {
    if (file != null) {
      file.discard();
    }
  }
}
