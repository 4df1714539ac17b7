package io.strata.ui.audit;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.strata.audit.report.GeneratedReport;
import io.strata.audit.report.ReportFormat;
import io.strata.audit.report.ReportKind;
import io.strata.audit.report.ReportService;
import io.strata.infra.http.ProblemException;
import io.strata.security.Caller;
import java.util.function.Supplier;

/**
 * A download link for every report as CSV and as PDF, over the range the view shows. Each is made
 * when clicked, by the same service as the API's, and so recorded as {@code report.<kind>} with its
 * SHA-256 before the browser gets a byte.
 */
final class ReportDownloads extends HorizontalLayout {

  ReportDownloads(ReportService reports, Caller caller, Supplier<String> from) {
    Span label = new Span("Reports over this range:");
    label.getStyle().set("color", "var(--lumo-secondary-text-color)");
    add(label);
    for (ReportKind kind : ReportKind.values()) {
      HorizontalLayout links = new HorizontalLayout(new Span(kind.title().replace(" report", "")));
      links.setSpacing(false);
      links.getStyle().set("gap", "var(--lumo-space-xs)");
      for (ReportFormat format : ReportFormat.values()) {
        Anchor link = new Anchor(DownloadHandler.fromInputStream(event ->
            download(reports, caller, kind, format, from.get())), format.extension().toUpperCase(
                java.util.Locale.ROOT));
        link.setId("report-" + kind.slug() + "-" + format.extension());
        links.add(link);
      }
      add(links);
    }
    setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    getStyle().set("flex-wrap", "wrap");
  }

  private static DownloadResponse download(ReportService reports, Caller caller, ReportKind kind,
      ReportFormat format, String from) {
    try {
      GeneratedReport report = reports.generate(caller, kind.slug(), format.extension(), from,
          null);
      return new DownloadResponse(report.content(), report.fileName(),
          report.format().contentType(), report.size());
    } catch (ProblemException e) {
      return DownloadResponse.error(e.status(), e.getMessage());
    }
  }
}
