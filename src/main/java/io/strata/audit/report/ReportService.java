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
    CsvReport csv = new CsvReport(json);
    ReportSummary summary = null;
    AuditVerification verification = null;
    if (format == ReportFormat.CSV) {
      csv.header(kind, out);
    }
    if (kind.listsEvents()) {
      summary = new ReportSummary();
      AuditReader.Filter events = new AuditReader.Filter(header.chain(), header.from(),
          header.to(), null, null, null);
      Long before = null;
      while (true) {
        List<AuditRecord> page = reader.page(events, kind.actionPatterns(), PAGE, before)
            .await().atMost(WAIT);
        for (AuditRecord record : page) {
          if (kind.includes(record.action())) {
            summary.add(record);
            if (format == ReportFormat.CSV) {
              csv.event(kind, record, out);
            }
          }
        }
        if (page.size() < PAGE) {
          break;
        }
        before = page.getLast().seq();
      }
    }
    ChainAnchor anchor = anchors.of(header.chain());
    if (kind == ReportKind.INTEGRITY) {
      verification = verifier.verify(header.chain(), header.from(), untilNow ? null : header.to());
      if (format == ReportFormat.CSV) {
        csv.integrity(header, verification, anchor, out);
      }
    }
    if (format == ReportFormat.PDF) {
      new PdfReport().write(new ReportContent(header, summary, verification, anchor), out);
    }
  }

  private static void discard(ReportFile file) {
    if (file != null) {
      file.discard();
    }
  }
}
