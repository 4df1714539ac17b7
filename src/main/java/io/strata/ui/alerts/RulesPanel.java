package io.strata.ui.alerts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.strata.alerting.AlertRuleView;
import io.strata.alerting.AlertService;
import io.strata.alerting.AlertTransitionView;
import io.strata.alerting.AlertView;
import io.strata.alerting.channel.ChannelView;
import io.strata.ui.Blocking;
import io.strata.ui.ConsoleUser;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant's rules, each with the most urgent state of its alerts now and a sparkline of how
 * often it fired in the last day; writers open the rule form from here to create, edit or delete.
 */
class RulesPanel extends VerticalLayout implements AlertsPanel {

  /** A rule as the grid shows it. */
  record Row(AlertRuleView rule, String state, List<Integer> firedPerHour) {}

  private final AlertsServices services;
  private final ConsoleUser user;
  private final InstantSource clock;
  private final Grid<Row> grid = new Grid<>();
  private final Span note = new Span();
  private List<Row> shown;

  RulesPanel(AlertsServices services, ConsoleUser user, boolean writable, InstantSource clock) {
    this.services = services;
    this.user = user;
    this.clock = clock;
    setSizeFull();
    setPadding(false);
    grid.setId("rules");
    grid.addColumn(r -> r.rule().name()).setHeader("Name").setAutoWidth(true);
    grid.addColumn(r -> r.rule().query()).setHeader("Query").setWidth("16rem").setFlexGrow(1)
        .setTooltipGenerator(r -> r.rule().query());
    grid.addColumn(RulesPanel::condition).setHeader("Condition").setAutoWidth(true);
    grid.addColumn(r -> r.rule().severity()).setHeader("Severity").setAutoWidth(true);
    grid.addColumn(r -> r.rule().enabled() ? "enabled" : "disabled").setHeader("Enabled")
        .setAutoWidth(true);
    grid.addComponentColumn(r -> AlertStates.badge(r.state())).setHeader("State")
        .setWidth("9rem").setFlexGrow(0);
    grid.addComponentColumn(r -> {
      Sparkline line = new Sparkline(r.firedPerHour().stream().mapToInt(n -> n).toArray());
      line.getElement().setAttribute("data-rule", r.rule().name());
      return line;
    }).setHeader("Fired, last 24 h").setAutoWidth(true);
    note.setId("rules-note");
    HorizontalLayout bar = new HorizontalLayout();
    bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
    if (writable) {
      grid.addComponentColumn(this::editButton).setHeader("").setAutoWidth(true);
      Button create = new Button("New rule", e -> openForm(null));
      create.setId("new-rule");
      create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
      bar.add(create);
    }
    bar.add(note);
    grid.setEmptyStateText("No alert rules yet.");
    grid.setSizeFull();
    add(bar, grid);
    expand(grid);
  }

  @Override
  public void refresh() {
    String tenant = user.tenant();
    Instant now = clock.instant();
    List<AlertRuleView> rules = Blocking.await(() -> services.rules().list(tenant)).stream()
        .map(AlertRuleView::of).toList();
    Map<String, List<String>> states = new HashMap<>();
    for (AlertView alert : Blocking.await(() -> services.alerts().current(tenant))) {
      states.computeIfAbsent(alert.ruleId(), id -> new ArrayList<>()).add(alert.state());
    }
    List<AlertTransitionView> day = Blocking.await(() -> services.alerts().history(tenant,
        now.minus(Duration.ofHours(Sparkline.HOURS)), now, null, AlertService.MAX_HISTORY));
    Map<String, List<Instant>> fired = new HashMap<>();
    for (AlertTransitionView transition : day) {
      if ("firing".equals(transition.to())) {
        fired.computeIfAbsent(transition.ruleId(), id -> new ArrayList<>()).add(transition.at());
      }
    }
    List<Row> rows = rules.stream().map(rule -> new Row(rule,
        AlertStates.worst(states.getOrDefault(rule.id(), List.of())),
        Arrays.stream(Sparkline.hourly(fired.getOrDefault(rule.id(), List.of()), now)).boxed()
            .toList())).toList();
    // Unchanged rows are left alone: a refresh must not rebuild the buttons under the pointer.
    if (!rows.equals(shown)) {
      shown = rows;
      grid.setItems(rows);
    }
    note.setText(day.size() >= AlertService.MAX_HISTORY ? "The sparklines count the newest "
        + AlertService.MAX_HISTORY + " transitions of the day only." : "");
  }

  private Button editButton(Row row) {
    Button edit = new Button("Edit", e -> openForm(row.rule()));
    edit.addClassName("edit-rule");
    edit.getElement().setAttribute("data-rule", row.rule().name());
    edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
    return edit;
  }

  private void openForm(AlertRuleView rule) {
    List<ChannelView> channels = Blocking.await(() -> services.channels().list(user.tenant()))
        .stream().map(ChannelView::of).toList();
    new RuleForm(services, user, rule, channels, this::refresh).open();
  }

  private static String condition(Row row) {
    AlertRuleView rule = row.rule();
    String what = rule.condition() == null ? "no data"
        : "count " + rule.condition().op() + " " + rule.condition().value().toPlainString();
    return what + " in " + rule.window() + ("0s".equals(rule.forDuration()) ? ""
        : " for " + rule.forDuration());
  }
}
