package io.strata.ui.alerts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.strata.alerting.AlertService;
import io.strata.alerting.AlertView;
import io.strata.infra.http.ProblemException;
import io.strata.ui.Blocking;
import io.strata.ui.ConsoleUser;
import java.util.List;

/**
 * The tenant's current alerts (pending, firing, acknowledged, failing), as {@code GET
 * /api/v1/alerts} lists them, with an Ack button on firing ones for users who may write.
 */
class CurrentAlertsPanel extends VerticalLayout implements AlertsPanel {

  private final ConsoleUser user;
  private final AlertService alerts;
  private final Grid<AlertView> grid = new Grid<>();
  private final Span summary = new Span();
  private List<AlertView> shown;

  CurrentAlertsPanel(ConsoleUser user, boolean writable, AlertService alerts) {
    this.user = user;
    this.alerts = alerts;
    setSizeFull();
    setPadding(false);
    summary.setId("current-alerts-summary");
    grid.setId("current-alerts");
    grid.addColumn(a -> a.ruleName() == null ? a.ruleId() : a.ruleName()).setHeader("Rule")
        .setAutoWidth(true);
    grid.addColumn(a -> AlertTexts.pairs(a.group())).setHeader("Group").setAutoWidth(true);
    grid.addComponentColumn(a -> AlertStates.badge(a.state())).setHeader("State")
        .setWidth("9rem").setFlexGrow(0);
    grid.addColumn(AlertView::severity).setHeader("Severity").setAutoWidth(true);
    grid.addColumn(a -> AlertTexts.time(a.since())).setHeader("Since (UTC)").setAutoWidth(true);
    grid.addColumn(a -> a.value() == null ? "" : a.value().toString()).setHeader("Value")
        .setAutoWidth(true).setTooltipGenerator(a -> "The count that caused the state"
            + (a.lastValue() == null ? "" : "; the latest evaluation counted " + a.lastValue()));
    grid.addColumn(a -> a.ackBy() == null ? a.silencedBy() == null ? ""
            : "silenced by " + a.silencedBy()
            : a.ackBy() + " at " + AlertTexts.time(a.ackAt()))
        .setHeader("Handled").setFlexGrow(1);
    if (writable) {
      grid.addComponentColumn(this::ackButton).setHeader("").setAutoWidth(true);
    }
    grid.setEmptyStateText("No alert is pending, firing, acknowledged or failing.");
    grid.setSizeFull();
    add(summary, grid);
    expand(grid);
  }

  @Override
  public void refresh() {
    var current = Blocking.await(() -> alerts.current(user.tenant()));
    long firing = current.stream().filter(a -> "firing".equals(a.state())).count();
    summary.setText(current.isEmpty() ? "All quiet."
        : firing + " firing · " + current.size() + " in all");
    // Unchanged rows are left alone: a refresh every few seconds must not rebuild the buttons
    // under the user's pointer.
    if (!current.equals(shown)) {
      shown = current;
      grid.setItems(current);
    }
  }

  private Span ackButton(AlertView alert) {
    Span cell = new Span();
    if (!"firing".equals(alert.state())) {
      return cell;
    }
    Button ack = new Button("Ack", e -> {
      try {
        Blocking.await(() -> alerts.acknowledge(user.caller(), alert.fingerprint()));
        Problems.done("Acknowledged");
      } catch (ProblemException problem) {
        Problems.error(problem.getMessage());
      }
      refresh();
    });
    ack.addClassName("ack-alert");
    ack.getElement().setAttribute("data-rule", String.valueOf(alert.ruleName()));
    ack.getElement().setAttribute("data-fingerprint", alert.fingerprint());
    ack.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
    cell.add(ack);
    return cell;
  }
}
