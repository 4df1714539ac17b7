package io.strata.ui.audit;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.quarkus.security.identity.SecurityIdentity;
import io.strata.audit.AuditQuery;
import io.strata.audit.AuditRecord;
import io.strata.audit.AuditService;
import io.strata.audit.AuditVerificationJob;
import io.strata.audit.report.ReportKind;
import io.strata.audit.report.ReportService;
import io.strata.audit.report.ReportSummary;
import io.strata.audit.report.ReportedActions;
import io.strata.infra.http.ProblemException;
import io.strata.ui.AccessDeniedView;
import io.strata.ui.ConsoleUser;
import io.strata.ui.MainLayout;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The audit trail of the user's tenant, for auditors and admins (the {@code audit} scope): the
 * events newest first, filtered by range, actor, action and outcome and loaded as the user scrolls;
 * the chain's verification on demand and the last scheduled one; and every report as CSV or PDF.
 * It calls the same services as {@code /api/v1/audit} and {@code /api/v1/reports}, so every read
 * here is recorded in the trail just as one through the API.
 */
@Route(value = "audit", layout = MainLayout.class)
@PageTitle("Audit · Strata")
public class AuditView extends VerticalLayout implements BeforeEnterObserver {

  private static final Map<String, String> RANGES = new LinkedHashMap<>();
  private static final String ALL_TIME = "All time";
  private static final String ANY = "Any";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  static {
    RANGES.put("Last hour", "now-1h");
    RANGES.put("Last 24 hours", "now-24h");
    RANGES.put("Last 7 days", "now-7d");
    RANGES.put("Last 30 days", "now-30d");
    RANGES.put(ALL_TIME, null);
  }

  private final AuditService audits;
  private final ConsoleUser user;
  private final Select<String> range = new Select<>();
  private final TextField actor = new TextField("Actor");
  private final ComboBox<String> action = new ComboBox<>("Action");
  private final Select<String> outcome = new Select<>();
  private final Grid<AuditRecord> grid = new Grid<>();
  /** The range the reports cover: the one applied, read when a link is clicked. */
  private volatile String reportFrom = RANGES.get("Last 7 days");

  @Inject
  public AuditView(SecurityIdentity identity, AuditService audits, ReportService reports,
      AuditVerificationJob verificationJob) {
    this.audits = audits;
    this.user = ConsoleUser.of(identity);
    setSizeFull();

    range.setId("audit-range");
    range.setLabel("Range");
    range.setItems(RANGES.keySet());
    range.setValue("Last 7 days");
    actor.setId("audit-actor");
    actor.setPlaceholder("name or id");
    actor.setClearButtonVisible(true);
    action.setId("audit-action");
    action.setItems(knownActions());
    action.setAllowCustomValue(true);
    action.addCustomValueSetListener(e -> action.setValue(e.getDetail()));
    action.setClearButtonVisible(true);
    action.setPlaceholder("any");
    outcome.setId("audit-outcome");
    outcome.setLabel("Outcome");
    outcome.setItems(ANY, "success", "denied", "error");
    outcome.setValue(ANY);
    Button apply = new Button("Show", e -> show());
    apply.setId("audit-apply");
    apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    HorizontalLayout filters = new HorizontalLayout(range, actor, action, outcome, apply);
    filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.END);

    grid.setId("audit-events");
    // Every column as wide as its content but the parameters, which take the rest (and show in
    // full as a tooltip).
    grid.addColumn(r -> TIME.format(r.time())).setHeader("Time (UTC)").setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(ReportSummary::actor).setHeader("Actor").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(AuditRecord::action).setHeader("Action").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(AuditRecord::target).setHeader("Target").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(AuditRecord::outcome).setHeader("Outcome").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(AuditRecord::status).setHeader("Status").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(r -> params(r.params())).setHeader("Parameters").setFlexGrow(1)
        .setTooltipGenerator(r -> params(r.params()));
    grid.setSizeFull();

    VerificationPanel verification = new VerificationPanel(
        () -> audits.verify(user.caller(), null, null), verificationJob.lastRun());
    ReportDownloads downloads = new ReportDownloads(reports, user.caller(), () -> reportFrom);
    downloads.setId("report-downloads");
    H3 title = new H3("Audit trail");
    title.getStyle().set("margin", "0");
    add(title, filters, verification, downloads, grid);
    expand(grid);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    AccessDeniedView.unless(user.canAudit(), event);
    if (user.canAudit()) {
      show();
    }
  }

  /**
   * Lists the trail with the filters as they are. The range's start is fixed now, for every page;
   * its end is left open, so that the listing's own read, recorded just before, is its first row
   * (the cursor keeps later pages from shifting).
   */
  private void show() {
    String preset = RANGES.get(range.getValue());
    String from = preset == null ? null : Instant.ofEpochMilli(io.strata.infra.time.TimeExpressions
        .parse(preset, System.currentTimeMillis())).toString();
    AuditQuery query = new AuditQuery(from, null, actor.getValue(), action.getValue(),
        ANY.equals(outcome.getValue()) ? null : outcome.getValue());
    AuditPages pages = new AuditPages(audits, user.caller(), query);
    try {
      pages.first();
      grid.setItems(request -> pages.fetch(request.getOffset(), request.getLimit()));
      reportFrom = preset;
    } catch (ProblemException e) {
      grid.setItems(List.of());
      Notification.show(e.getMessage(), 5000, Notification.Position.TOP_CENTER)
          .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
  }

  /** The actions the filter suggests; any other may be typed. */
  private static List<String> knownActions() {
    TreeSet<String> known = new TreeSet<>(ReportedActions.READS);
    Stream.of("tenant.create", "tenant.update", "key.create", "key.revoke",
        "saved_search.create", "saved_search.update", "saved_search.delete", "audit.read",
        "audit.export", "audit.verify", "auth.refused", "console.sign_in", "platform.start",
        "platform.stop", "retention.update", "retention.delete", "hold.create", "hold.release",
        "erasure.request", "erasure.cancel", "erasure.block", "erasure.start", "erasure.complete",
        "index.seal", "alert_rule.create", "alert_rule.update", "alert_rule.delete",
        "alert.ack", "alert_channel.create", "alert_channel.update", "alert_channel.delete",
        "alert_channel.test", "alert_silence.create", "alert_silence.expire",
        "parsing_rule.create", "parsing_rule.update", "parsing_rule.delete")
        .forEach(known::add);
    for (ReportKind kind : ReportKind.values()) {
      known.add("report." + kind.slug());
    }
    return List.copyOf(known);
  }

  private static String params(Map<String, String> params) {
    return params == null ? "" : params.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }
}
