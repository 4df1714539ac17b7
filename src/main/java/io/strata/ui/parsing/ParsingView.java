package io.strata.ui.parsing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.quarkus.security.identity.SecurityIdentity;
import io.strata.infra.http.ProblemException;
import io.strata.parsing.GrokLibrary;
import io.strata.parsing.ParsingPreviewService;
import io.strata.parsing.ParsingRule;
import io.strata.parsing.ParsingRuleRequest;
import io.strata.parsing.ParsingRuleService;
import io.strata.parsing.RulePreview;
import io.strata.ui.AccessDeniedView;
import io.strata.ui.Blocking;
import io.strata.ui.ConsoleUser;
import io.strata.ui.MainLayout;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;

/**
 * A tenant's parsing rules, in the order the indexer tries them, and a workbench to write one: the
 * pattern, its selector and time format, and a preview over pasted lines or the latest events the
 * selector picks, showing per line the fields the rule would extract. Admins edit; auditors read.
 * The view calls the same services as the API, so every change is checked and recorded the same
 * way.
 */
@Route(value = "parsing", layout = MainLayout.class)
@PageTitle("Parsing · Strata")
public class ParsingView extends VerticalLayout implements BeforeEnterObserver {

  private final ConsoleUser user;
  private final ParsingRuleService rules;
  private final ParsingPreviewService previews;
  private final ObjectMapper json;

  private final Grid<ParsingRule> ruleGrid = new Grid<>();
  private final TextField name = new TextField("Name");
  private final TextField selector = new TextField("Selector");
  private final TextArea pattern = new TextArea("Pattern");
  private final TextField timeFormat = new TextField("Time format");
  private final IntegerField priority = new IntegerField("Priority");
  private final Checkbox enabled = new Checkbox("Enabled", true);
  private final TextArea samples = new TextArea("Sample lines");
  private final Span previewSummary = new Span();
  private final Grid<RulePreview.Line> previewGrid = new Grid<>();
  private final Span editing = new Span();
  private String editingId;

  @Inject
  public ParsingView(SecurityIdentity identity, ParsingRuleService rules,
      ParsingPreviewService previews, ObjectMapper json) {
    this.user = ConsoleUser.of(identity);
    this.rules = rules;
    this.previews = previews;
    this.json = json;
    setSizeFull();

    ruleGrid.setId("parsing-rules");
    ruleGrid.addColumn(r -> r.name).setHeader("Rule").setAutoWidth(true);
    ruleGrid.addColumn(r -> r.priority).setHeader("Priority").setAutoWidth(true);
    ruleGrid.addColumn(r -> r.selector.isEmpty() ? "(every event)" : r.selector)
        .setHeader("Selector").setAutoWidth(true);
    ruleGrid.addColumn(r -> r.pattern).setHeader("Pattern").setFlexGrow(1);
    ruleGrid.addColumn(r -> r.enabled ? "on" : "off").setHeader("Enabled").setAutoWidth(true);
    ruleGrid.setAllRowsVisible(true);
    add(new H3("Parsing rules"), new Paragraph("Run at indexing time on the message of the events"
        + " a rule's selector picks, highest priority first, one rule per event. A rule that does"
        + " not match leaves the event as it came."), ruleGrid);
    if (user.isAdmin()) {
      ruleGrid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
      add(new H3("Rule"), editing, form(), previewPanel());
    }
    add(library());
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    boolean allowed = user.isAdmin() || user.canAudit();
    AccessDeniedView.unless(allowed, event);
    if (allowed) {
      refresh();
    }
  }

  private void refresh() {
    List<ParsingRule> all = Blocking.await(() -> rules.list(user.tenant()));
    ruleGrid.setItems(all);
    editing.setText(editingId == null ? "A new rule" : "Editing " + name.getValue());
  }

  private VerticalLayout form() {
    name.setId("parsing-name");
    selector.setId("parsing-selector");
    selector.setPlaceholder("service:billing (empty: every event)");
    selector.setWidthFull();
    pattern.setId("parsing-pattern");
    pattern.setWidthFull();
    pattern.setPlaceholder("%{TIMESTAMP_ISO8601:@timestamp} \\[%{NOTSPACE:thread}\\] %{LEVEL:level}"
        + " %{GREEDY:message}");
    pattern.setHelperText("%{NAME:field} captures a library pattern into a field; @timestamp,"
        + " level and message set the event's own. :number or :string after the field sets its"
        + " type.");
    timeFormat.setId("parsing-time-format");
    timeFormat.setPlaceholder("automatic, or dd/MMM/yyyy:HH:mm:ss Z, UNIX, UNIX_MS");
    priority.setId("parsing-priority");
    priority.setValue(0);
    enabled.setId("parsing-enabled");
    Button save = new Button("Save rule", e -> save());
    save.setId("parsing-save");
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    Button fresh = new Button("New rule", e -> edit(null));
    fresh.setId("parsing-new");
    HorizontalLayout first = new HorizontalLayout(name, timeFormat, priority, enabled);
    first.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    first.getStyle().set("flex-wrap", "wrap");
    VerticalLayout form = new VerticalLayout(first, selector, pattern,
        new HorizontalLayout(save, fresh));
    form.setPadding(false);
    return form;
  }

  private VerticalLayout previewPanel() {
    samples.setId("parsing-samples");
    samples.setWidthFull();
    samples.setHelperText("One line per event. Empty: the latest 20 events the selector picks"
        + (user.canSearch() ? "." : " (needs the search role)."));
    Button run = new Button("Preview", e -> preview());
    run.setId("parsing-preview");
    previewSummary.setId("parsing-preview-summary");
    previewGrid.setId("parsing-preview-results");
    previewGrid.addColumn(RulePreview.Line::outcome).setHeader("Outcome").setAutoWidth(true);
    previewGrid.addColumn(RulePreview.Line::line).setHeader("Line").setFlexGrow(1);
    previewGrid.addColumn(line -> line.fields() == null ? "" : write(line.fields()))
        .setHeader("Fields").setFlexGrow(2);
    previewGrid.setAllRowsVisible(true);
    VerticalLayout panel = new VerticalLayout(new H3("Preview"), samples, run, previewSummary,
        previewGrid);
    panel.setPadding(false);
    return panel;
  }

  private Details library() {
    Grid<String> names = new Grid<>();
    names.addColumn(n -> n).setHeader("Name").setAutoWidth(true);
    names.addColumn(n -> GrokLibrary.all().get(n)).setHeader("Matches").setFlexGrow(1);
    names.setItems(GrokLibrary.all().keySet());
    names.setAllRowsVisible(true);
    Details details = new Details("Pattern library", names);
    details.setId("pattern-library");
    details.setWidthFull();
    return details;
  }

  private HorizontalLayout actions(ParsingRule rule) {
    Button edit = new Button("Edit", e -> edit(rule));
    Button delete = new Button("Delete", e -> {
      try {
        Blocking.await(() -> rules.delete(user.caller(), rule.id));
        Blocking.await(() -> rules.publish(user.tenant()));
        if (rule.id.equals(editingId)) {
          edit(null);
        }
        refresh();
      } catch (ProblemException problem) {
        error(problem.getMessage());
      }
    });
    delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
    return new HorizontalLayout(edit, delete);
  }

  private void edit(ParsingRule rule) {
    editingId = rule == null ? null : rule.id;
    name.setValue(rule == null ? "" : rule.name);
    selector.setValue(rule == null ? "" : rule.selector);
    pattern.setValue(rule == null ? "" : rule.pattern);
    timeFormat.setValue(rule == null || rule.timeFormat == null ? "" : rule.timeFormat);
    priority.setValue(rule == null ? 0 : rule.priority);
    enabled.setValue(rule == null || rule.enabled);
    editing.setText(rule == null ? "A new rule" : "Editing " + rule.name);
  }

  private ParsingRuleRequest request(List<String> lines, Integer last) {
    return new ParsingRuleRequest(name.getValue(), selector.getValue(), pattern.getValue(),
        timeFormat.getValue(), priority.getValue(), enabled.getValue(), lines, last);
  }

  private void save() {
    try {
      ParsingRuleRequest body = request(null, null);
      ParsingRule saved = editingId == null
          ? Blocking.await(() -> rules.create(user.caller(), rules.check(body)))
          : Blocking.await(() -> rules.replace(user.caller(), editingId, rules.check(body)));
      Blocking.await(() -> rules.publish(user.tenant()));
      editingId = saved.id;
      Notification.show("Rule saved: it applies to events indexed from now on", 3000,
          Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
      refresh();
    } catch (ProblemException problem) {
      error(problem.getMessage());
    }
  }

  private void preview() {
    List<String> lines = samples.getValue().isBlank() ? null
        : Arrays.stream(samples.getValue().split("\\R")).filter(l -> !l.isEmpty()).toList();
    if (lines == null && !user.canSearch()) {
      error("Previewing over stored events needs the search role: paste sample lines instead.");
      return;
    }
    try {
      RulePreview result = previews.preview(user.caller(), request(lines, null));
      previewSummary.setText(result.matched() + " of " + result.total()
          + (result.source().equals("lines") ? " lines" : " latest events") + " parsed");
      previewGrid.setItems(result.results());
    } catch (ProblemException problem) {
      error(problem.getMessage());
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  private static void error(String message) {
    Notification.show(message, 6000, Notification.Position.TOP_CENTER)
        .addThemeVariants(NotificationVariant.LUMO_ERROR);
  }
}
