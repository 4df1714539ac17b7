package io.strata.ui.search;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.strata.export.ExportFormat;
import io.strata.export.ExportService;
import io.strata.infra.http.ProblemException;
import io.strata.security.Caller;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * "Export" links for NDJSON and CSV of the search on screen, streamed to the browser by {@link
 * ExportService} as the API's export is: checked and recorded as {@code export} in the audit trail
 * before the first byte, then written page by page, so memory stays at one page whatever the size.
 */
final class ExportLinks extends HorizontalLayout {

  private static final Logger LOG = Logger.getLogger(ExportLinks.class);
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  ExportLinks(ExportService exports, Caller caller, Supplier<CurrentSearch> current) {
    setSpacing(false);
    getStyle().set("gap", "var(--lumo-space-s)");
    setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    Span label = new Span("Export");
    label.getStyle().set("color", "var(--lumo-secondary-text-color)");
    add(label);
    for (ExportFormat format : ExportFormat.values()) {
      String extension = format.extension();
      // The search is read when the link is followed, not when it is drawn: the latest one run.
      DownloadHandler handler = event -> download(event, exports, caller, current.get(), format);
      Anchor link = new Anchor(handler, extension.toUpperCase(Locale.ROOT));
      link.setId("export-" + extension);
      link.setTitle("Download every matching event as " + extension.toUpperCase(Locale.ROOT));
      add(link);
    }
  }

  private static void download(DownloadEvent event, ExportService exports, Caller caller,
      CurrentSearch search, ExportFormat format) throws IOException {
    ExportService.Export export;
    try {
      export = exports.prepare(caller, search.q(), search.from(), search.to(),
          format.extension(), null, null, false);
    } catch (ProblemException e) {
      event.getResponse().sendError(e.status(), e.getMessage());
      return;
    }
    event.setFileName(fileName(export.tenant(), export.filter().fromMillis(),
        export.filter().toMillis(), format));
    event.setContentType(format.mediaType());
    try {
      exports.write(export, event.getOutputStream());
    } catch (RuntimeException e) {
      // The status is sent already: all that is left is to cut the download short.
      LOG.errorf(e, "Console export for tenant %s failed midway", export.tenant());
      throw e;
    }
  }

  /** {@code strata-<tenant>-<from>-<to>.<ext>}, the range in UTC to the second. */
  static String fileName(String tenant, long fromMillis, long toMillis, ExportFormat format) {
    return "strata-" + tenant + "-" + FILE_TIME.format(Instant.ofEpochMilli(fromMillis)) + "-"
        + FILE_TIME.format(Instant.ofEpochMilli(toMillis)) + "." + format.extension();
  }
}
