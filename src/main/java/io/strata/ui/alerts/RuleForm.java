package io.strata.ui.alerts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.strata.alerting.AlertPreview;
import io.strata.alerting.AlertRuleRequest;
import io.strata.alerting.AlertRuleRules;
import io.strata.alerting.AlertRuleView;
import io.strata.alerting.channel.ChannelView;
import io.strata.infra.http.ProblemException;
import io.strata.pipeline.EventFields;
import io.strata.ui.Blocking;
import io.strata.ui.ConsoleUser;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The rule form: creates, edits or deletes a rule through the same checks and service as the API,
 * with a live preview beside it — what the rule would do over the tenant's events now, group by
 * group. The preview runs when the query, kind, window, condition or grouping changes (the text
 * fields after a pause in typing, or on leaving them), and on demand; an unchanged rule is not
 * previewed twice, since each preview reads events and is recorded as a read.
 */
class RuleForm extends Dialog {

  private static final int TYPING_PAUSE_MS = 700;

  private final AlertsServices services;
  private final ConsoleUser user;
  private final AlertRuleView existing;
  private final Runnable saved;
  private final boolean canPreview;
  private final Problems problems = new Problems();

  // The inputs are package-private for RuleFormTest, which fills them as a user would.
  final TextField name = new TextField("Name");
  final TextField query = new TextField("Query");
  final Select<String> kind = new Select<>();
  final TextField window = new TextField("Window");
  final TextField every = new TextField("Every");
  final Select<String> op = new Select<>();
  final BigDecimalField value = new BigDecimalField("Value");
  final MultiSelectComboBox<String> groupBy = new MultiSelectComboBox<>("Group by");
  final TextField forDuration = new TextField("For");
  final Select<String> severity = new Select<>();
  final MultiSelectComboBox<ChannelView> channels = new MultiSelectComboBox<>("Channels");
  final TextField renotify = new TextField("Renotify every");
  final TextField labels = new TextField("Labels");
  final TextArea description = new TextArea("Description");
  final TextField runbook = new TextField("Runbook URL");
  final Checkbox enabled = new Checkbox("Enabled", true);
  private final Grid<AlertPreview.Group> preview = new Grid<>();
  private Grid.Column<AlertPreview.Group> previous;
  private final Span previewSummary = new Span();
  private AlertRuleRequest previewed;

  RuleForm(AlertsServices services, ConsoleUser user, AlertRuleView existing,
      List<ChannelView> channelChoices, Runnable saved) {
    this.services = services;
    this.user = user;
    this.existing = existing;
    this.saved = saved;
    this.canPreview = user.canSearch();
    setId("rule-form");
    setHeaderTitle(existing == null ? "New alert rule" : "Rule " + existing.name());
    setWidth("min(80rem, 96vw)");

    name.setId("rule-name");
    query.setId("rule-query");
    query.setPlaceholder("level:ERROR AND service:checkout (empty: every event)");
    kind.setId("rule-kind");
    kind.setLabel("Kind");
    kind.setItems("threshold", "no_data");
    kind.setValue("threshold");
    window.setId("rule-window");
    window.setHelperText("10s to 1d, e.g. 5m");
    every.setId("rule-every");
    op.setId("rule-op");
    op.setLabel("Count is");
    op.setItems(">", ">=", "<", "<=", "==", "!=");
    value.setId("rule-value");
    groupBy.setId("rule-group-by");
    groupBy.setItems(new TreeSet<>(EventFields.FACETED));
    groupBy.setHelperText("up to 3");
    forDuration.setId("rule-for");
    forDuration.setHelperText("how long it must hold before firing");
    severity.setId("rule-severity");
    severity.setLabel("Severity");
    severity.setItems("critical", "warning", "info");
    channels.setId("rule-channels");
    channels.setItems(channelChoices);
    channels.setItemLabelGenerator(c -> c.name() + " (" + c.kind() + ")");
    renotify.setId("rule-renotify");
    renotify.setHelperText("while firing, e.g. 4h (empty: once)");
    labels.setId("rule-labels");
    labels.setPlaceholder("team=payments, tier=1");
    description.setId("rule-description");
    runbook.setId("rule-runbook");
    enabled.setId("rule-enabled");
    problems.on("name", name).on("query", query).on("kind", kind).on("window", window)
        .on("every", every).on("condition", op).on("condition.op", op)
        .on("condition.value", value).on("group_by", groupBy).on("for", forDuration)
        .on("severity", severity).on("channels", channels).on("renotify", renotify)
        .on("labels", labels).on("description", description).on("runbook_url", runbook);
    fill(existing, channelChoices);
    kind.addValueChangeListener(e -> showCondition());
    showCondition();

    FormLayout form = new FormLayout(name, query, kind, window, op, value, groupBy, forDuration,
        every, severity, channels, renotify, labels, runbook, description, enabled);
    form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1),
        new FormLayout.ResponsiveStep("30rem", 2));
    form.setColspan(name, 2);
    form.setColspan(query, 2);
    form.setColspan(description, 2);
    HorizontalLayout body = new HorizontalLayout(form, previewPanel());
    body.setWidthFull();
    body.setFlexGrow(3, form);
    add(body);

    Button save = new Button(existing == null ? "Create rule" : "Save rule", e -> save());
    save.setId("rule-save");
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    Button cancel = new Button("Cancel", e -> close());
    cancel.setId("rule-cancel");
    if (existing != null) {
      Button delete = new Button("Delete", e -> confirmDelete());
      delete.setId("rule-delete");
      delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
      getFooter().add(delete);
    }
    getFooter().add(cancel, save);
    addOpenedChangeListener(e -> {
      if (e.isOpened() && existing != null) {
        preview();
      }
    });
  }

  private VerticalLayout previewPanel() {
    VerticalLayout panel = new VerticalLayout();
    panel.setPadding(false);
    panel.setWidth("26rem");
    panel.setMinWidth("20rem");
    previewSummary.setId("rule-preview-summary");
    preview.setId("rule-preview");
    preview.addColumn(g -> AlertTexts.pairs(g.group())).setHeader("Group").setFlexGrow(1)
        .setTooltipGenerator(g -> AlertTexts.pairs(g.group()));
    preview.addColumn(AlertPreview.Group::value).setHeader("Value").setAutoWidth(true);
    previous = preview.addColumn(g -> g.previous() == null ? "" : g.previous().toString())
        .setHeader("Before").setAutoWidth(true).setTooltipGenerator(g ->
            "Events in the window before this one");
    previous.setVisible(false);
    preview.addComponentColumn(g -> AlertStates.badge(g.would())).setHeader("Would")
        .setWidth("7rem").setFlexGrow(0);
    preview.setAllRowsVisible(true);
    preview.setEmptyStateText("No group has events in the window.");
    Button now = new Button("Preview", e -> {
      previewed = null;
      preview();
    });
    now.setId("rule-preview-now");
    now.setEnabled(canPreview);
    panel.add(new H4("Preview: what it would do now"), previewSummary, preview, now);
    if (canPreview) {
      for (TextField text : List.of(query, window)) {
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setValueChangeTimeout(TYPING_PAUSE_MS);
        text.addValueChangeListener(e -> preview());
      }
      value.setValueChangeMode(ValueChangeMode.LAZY);
      value.setValueChangeTimeout(TYPING_PAUSE_MS);
      value.addValueChangeListener(e -> preview());
      kind.addValueChangeListener(e -> preview());
      op.addValueChangeListener(e -> preview());
      groupBy.addValueChangeListener(e -> preview());
      forDuration.addValueChangeListener(e -> preview());
    } else {
      previewSummary.setText("The preview reads the tenant's events: it needs the search role.");
    }
    return panel;
  }

  private void fill(AlertRuleView rule, List<ChannelView> channelChoices) {
    if (rule == null) {
      window.setValue("5m");
      every.setValue("1m");
      op.setValue(">");
      value.setValue(BigDecimal.TEN);
      forDuration.setValue("0s");
      severity.setValue("warning");
      return;
    }
    name.setValue(rule.name());
    query.setValue(Objects.requireNonNullElse(rule.query(), ""));
    kind.setValue(rule.kind());
    window.setValue(rule.window());
    every.setValue(rule.every());
    op.setValue(rule.condition() == null ? ">" : rule.condition().op());
    value.setValue(rule.condition() == null ? BigDecimal.TEN : rule.condition().value());
    groupBy.setValue(rule.groupBy() == null ? List.of() : rule.groupBy());
    forDuration.setValue(rule.forDuration());
    severity.setValue(rule.severity());
    List<String> ids = rule.channels() == null ? List.of() : rule.channels();
    channels.setValue(channelChoices.stream().filter(c -> ids.contains(c.id())).toList());
    renotify.setValue(Objects.requireNonNullElse(rule.renotify(), ""));
    labels.setValue(rule.labels() == null ? "" : AlertTexts.pairs(rule.labels()));
    description.setValue(Objects.requireNonNullElse(rule.description(), ""));
    runbook.setValue(Objects.requireNonNullElse(rule.runbookUrl(), ""));
    enabled.setValue(rule.enabled());
  }

  private void showCondition() {
    boolean threshold = "threshold".equals(kind.getValue());
    op.setVisible(threshold);
    value.setVisible(threshold);
  }

  /**
   * The body the form holds. For a preview the name may be empty and the labels unreadable (they
   * change nothing the preview shows); for saving both are as typed.
   */
  AlertRuleRequest request(boolean forPreview) {
    boolean threshold = "threshold".equals(kind.getValue());
    String ruleName = forPreview && name.getValue().isBlank() ? "preview" : name.getValue();
    Map<String, String> labelMap = forPreview ? Map.of()
        : AlertTexts.parsePairs(labels.getValue(), "labels");
    return new AlertRuleRequest(ruleName, query.getValue(), kind.getValue(), window.getValue(),
        every.getValue(), threshold ? new AlertRuleRequest.Condition(op.getValue(),
            value.getValue()) : null, List.copyOf(new TreeSet<>(groupBy.getValue())),
        forDuration.getValue(), severity.getValue(),
        forPreview ? List.of() : channels.getValue().stream().map(ChannelView::id).sorted()
            .toList(), blankless(renotify.getValue()), labelMap,
        blankless(description.getValue()), blankless(runbook.getValue()), enabled.getValue());
  }

  private void preview() {
    if (!canPreview) {
      return;
    }
    AlertRuleRequest body = request(true);
    if (body.equals(previewed)) {
      return;
    }
    previewed = body;
    try {
      AlertPreview result = services.previews().preview(user.caller(), body);
      problems.clear();
      long firing = result.groups().stream().filter(g -> "fire".equals(g.would())).count();
      previewSummary.setText("At " + AlertTexts.time(result.evaluatedAt()) + " UTC, over the"
          + " last " + result.window() + ": " + result.groups().size()
          + (result.groups().size() == 1 ? " group, " : " groups, ") + firing + " would fire"
          + (result.truncated() ? " (more groups than shown)" : "") + ".");
      // Only a no_data rule compares with the window before.
      previous.setVisible("no_data".equals(result.kind()));
      preview.setItems(result.groups());
    } catch (ProblemException problem) {
      problems.mark(problem);
      previewSummary.setText("No preview: " + problem.getMessage());
      preview.setItems(List.of());
    }
  }

  private void save() {
    problems.clear();
    try {
      AlertRuleRules.Valid valid = services.ruleChecks().valid(request(false));
      if (existing == null) {
        Blocking.await(() -> services.rules().create(user.caller(), valid));
      } else {
        Blocking.await(() -> services.rules().replace(user.caller(), existing.id(), valid));
      }
      close();
      Problems.done("Rule " + valid.name() + " saved");
      saved.run();
    } catch (ProblemException problem) {
      problems.show(problem);
    }
  }

  private void confirmDelete() {
    ConfirmDialog confirm = new ConfirmDialog("Delete " + existing.name() + "?",
        "Its alerts go with it; their history stays.", "Delete", e -> {
          try {
            Blocking.await(() -> services.rules().delete(user.caller(), existing.id()));
            close();
            saved.run();
          } catch (ProblemException problem) {
            Problems.error(problem.getMessage());
          }
        });
    confirm.setId("confirm-delete-rule");
    confirm.setCancelable(true);
    confirm.setConfirmButtonTheme("error primary");
    confirm.open();
  }

  private static String blankless(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
