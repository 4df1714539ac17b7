package io.strata.ui.alerts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.strata.alerting.AlertRule;
import io.strata.alerting.silence.SilenceRequest;
import io.strata.alerting.silence.SilenceView;
import io.strata.infra.http.ProblemException;
import io.strata.ui.Blocking;
import io.strata.ui.ConsoleUser;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The tenant's silences (maintenance windows) with their status, newest first; writers create one
 * (a rule and/or matchers such as {@code service=checkout}, until when, why) and expire one.
 */
class SilencesPanel extends VerticalLayout implements AlertsPanel {

  private final AlertsServices services;
  private final ConsoleUser user;
  private final InstantSource clock;
  private final boolean writable;
  private final Grid<SilenceView> grid = new Grid<>();
  private final ComboBox<AlertRule> rule = new ComboBox<>("Rule");
  private final TextField matchers = new TextField("Matchers");
  private final TextField until = new TextField("Until");
  private final TextField comment = new TextField("Comment");
  private final Problems problems = new Problems();
  private Map<String, String> ruleNames = Map.of();
  private List<Object> shown;

  SilencesPanel(AlertsServices services, ConsoleUser user, boolean writable,
      InstantSource clock) {
    this.services = services;
    this.user = user;
    this.writable = writable;
    this.clock = clock;
    setSizeFull();
    setPadding(false);
    if (writable) {
      add(form());
    }
    grid.setId("silences");
    grid.addComponentColumn(s -> AlertStates.badge(s.status())).setHeader("Status")
        .setWidth("9rem").setFlexGrow(0);
    grid.addColumn(s -> s.ruleIds().isEmpty() ? "(any rule)" : s.ruleIds().stream()
            .map(id -> ruleNames.getOrDefault(id, id)).collect(Collectors.joining(", ")))
        .setHeader("Rules").setAutoWidth(true);
    grid.addColumn(s -> s.matchers().isEmpty() ? "" : AlertTexts.pairs(s.matchers()))
        .setHeader("Matchers").setAutoWidth(true);
    grid.addColumn(s -> AlertTexts.time(s.from())).setHeader("From (UTC)").setAutoWidth(true);
    grid.addColumn(s -> AlertTexts.time(s.to())).setHeader("To (UTC)").setAutoWidth(true);
    grid.addColumn(SilenceView::comment).setHeader("Comment").setFlexGrow(1)
        .setTooltipGenerator(SilenceView::comment);
    grid.addColumn(SilenceView::createdBy).setHeader("By").setAutoWidth(true);
    if (writable) {
      grid.addComponentColumn(this::expireButton).setHeader("").setAutoWidth(true);
    }
    grid.setEmptyStateText("No silences.");
    grid.setSizeFull();
    add(grid);
    expand(grid);
  }

  private HorizontalLayout form() {
    rule.setId("silence-rule");
    rule.setItemLabelGenerator(r -> r.name);
    rule.setPlaceholder("any rule");
    rule.setClearButtonVisible(true);
    matchers.setId("silence-matchers");
    matchers.setPlaceholder("service=checkout");
    until.setId("silence-until");
    until.setValue("now+2h");
    until.setHelperText("now+2h or 2026-12-24T06:00:00Z");
    comment.setId("silence-comment");
    comment.setPlaceholder("why: the maintenance it covers");
    comment.setWidth("24rem");
    problems.on("rule_ids", rule).on("matchers", matchers).on("to", until).on("from", until)
        .on("comment", comment);
    Button create = new Button("Create silence", e -> create());
    create.setId("create-silence");
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    HorizontalLayout form = new HorizontalLayout(rule, matchers, until, comment, create);
    form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    form.setWrap(true);
    return form;
  }

  @Override
  public void refresh() {
    String tenant = user.tenant();
    List<AlertRule> rules = Blocking.await(() -> services.rules().list(tenant));
    ruleNames = rules.stream().collect(Collectors.toMap(r -> r.id, r -> r.name));
    if (writable) {
      AlertRule chosen = rule.getValue();
      rule.setItems(rules);
      rule.setValue(chosen == null ? null : rules.stream().filter(r -> r.id.equals(chosen.id))
          .findFirst().orElse(null));
    }
    List<SilenceView> silences = Blocking.await(() -> services.silences().list(tenant)).stream()
        .map(silence -> SilenceView.of(silence, clock.instant())).toList();
    // Unchanged rows are left alone: a refresh must not rebuild the buttons under the pointer.
    List<Object> showing = List.of(silences, ruleNames);
    if (!showing.equals(shown)) {
      shown = showing;
      grid.setItems(silences);
    }
  }

  private void create() {
    problems.clear();
    try {
      SilenceRequest request = new SilenceRequest(
          rule.getValue() == null ? List.of() : List.of(rule.getValue().id),
          AlertTexts.parsePairs(matchers.getValue(), "matchers"), null, until.getValue(),
          comment.getValue());
      Blocking.await(() -> services.silences().create(user.caller(), request));
      matchers.clear();
      comment.clear();
      rule.clear();
      Problems.done("Silence created");
      refresh();
    } catch (ProblemException problem) {
      problems.show(problem);
    }
  }

  private Span expireButton(SilenceView silence) {
    Span cell = new Span();
    if ("expired".equals(silence.status())) {
      return cell;
    }
    Button expire = new Button("Expire", e -> {
      try {
        Blocking.await(() -> services.silences().expire(user.caller(), silence.id()));
      } catch (ProblemException problem) {
        Problems.error(problem.getMessage());
      }
      refresh();
    });
    expire.addClassName("expire-silence");
    expire.getElement().setAttribute("data-comment", silence.comment());
    expire.addThemeVariants(ButtonVariant.LUMO_SMALL);
    cell.add(expire);
    return cell;
  }
}
