package io.strata.ui.alerts;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.strata.alerting.AlertService;
import io.strata.alerting.AlertTransitionView;
import io.strata.ui.Blocking;
import io.strata.ui.ConsoleUser;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every change of an alert's state in the last 24 hours, newest first, with the value that caused
 * it, who acknowledged and why an evaluation failed: {@code GET /api/v1/alerts/history}.
 */
class HistoryPanel extends VerticalLayout implements AlertsPanel {

  private final AlertsServices services;
  private final ConsoleUser user;
  private final InstantSource clock;
  private final Grid<AlertTransitionView> grid = new Grid<>();
  private final Span summary = new Span();
  private Map<String, String> ruleNames = Map.of();
  private List<Object> shown;

  HistoryPanel(AlertsServices services, ConsoleUser user, InstantSource clock) {
    this.services = services;
    this.user = user;
    this.clock = clock;
    setSizeFull();
    setPadding(false);
    summary.setId("history-summary");
    grid.setId("alert-history");
    grid.addColumn(t -> AlertTexts.time(t.at())).setHeader("At (UTC)").setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(t -> ruleNames.getOrDefault(t.ruleId(), t.ruleId())).setHeader("Rule")
        .setAutoWidth(true);
    grid.addColumn(t -> AlertTexts.pairs(t.group())).setHeader("Group").setAutoWidth(true);
    grid.addColumn(AlertTransitionView::from).setHeader("From").setAutoWidth(true);
    grid.addComponentColumn(t -> AlertStates.badge(t.to())).setHeader("To")
        .setWidth("9rem").setFlexGrow(0);
    grid.addColumn(t -> t.value() == null ? "" : t.value().toString()).setHeader("Value")
        .setAutoWidth(true);
    grid.addColumn(t -> t.actor() != null ? "by " + t.actor()
            : t.detail() == null ? "" : t.detail())
        .setHeader("By / detail").setFlexGrow(1).setTooltipGenerator(t -> t.detail());
    grid.setEmptyStateText("No alert changed state in the last 24 hours.");
    grid.setSizeFull();
    add(summary, grid);
    expand(grid);
  }

  @Override
  public void refresh() {
    String tenant = user.tenant();
    Instant now = clock.instant();
    ruleNames = Blocking.await(() -> services.rules().list(tenant)).stream()
        .collect(Collectors.toMap(rule -> rule.id, rule -> rule.name));
    List<AlertTransitionView> day = Blocking.await(() -> services.alerts().history(tenant,
        now.minus(Duration.ofHours(24)), now, null, AlertService.MAX_HISTORY));
    summary.setText(day.size() + " transitions in the last 24 hours"
        + (day.size() >= AlertService.MAX_HISTORY ? " (the newest shown)" : "")
        + "; deleted rules are shown by id.");
    // Unchanged rows are left alone (the view refreshes every few seconds).
    List<Object> showing = List.of(day, ruleNames);
    if (!showing.equals(shown)) {
      shown = showing;
      grid.setItems(day);
    }
  }
}
