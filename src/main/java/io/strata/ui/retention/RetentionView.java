package io.strata.ui.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.quarkus.security.identity.SecurityIdentity;
import io.strata.infra.http.ProblemException;
import io.strata.retention.Erasure;
import io.strata.retention.ErasureChecks;
import io.strata.retention.ErasureRequest;
import io.strata.retention.ErasureService;
import io.strata.retention.HoldChecks;
import io.strata.retention.HoldRequest;
import io.strata.retention.IndexExpiry;
import io.strata.retention.LegalHold;
import io.strata.retention.LegalHoldService;
import io.strata.retention.RetentionJob;
import io.strata.retention.RetentionParts;
import io.strata.retention.RetentionPolicy;
import io.strata.retention.RetentionRules;
import io.strata.retention.RetentionService;
import io.strata.retention.RetentionStream;
import io.strata.retention.StreamSelectors;
import io.strata.retention.UsageResource;
import io.strata.ui.AccessDeniedView;
import io.strata.ui.Blocking;
import io.strata.ui.ConsoleUser;
import io.strata.ui.MainLayout;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's retention: the policy with its profile and the usage of each class, what the next run
 * deletes, the legal holds and the erasures with their receipts. Admins edit; auditors read. The
 * view calls the same services as the API, so every change is checked and recorded the same way.
 */
@Route(value = "retention", layout = MainLayout.class)
@PageTitle("Retention · Strata")
public class RetentionView extends VerticalLayout implements BeforeEnterObserver {

  /** One retention class as the view lists it: its days and what it holds on this node. */
  record ClassRow(String name, String selector, int days, Integer priority, long events,
      long bytes) {}

  /** One expired index and what the next run does with it. */
  record ExpiryRow(String index, String fate, long events, long bytes, String when) {}

  // Every day an index can have: the class usage adds up all of them.
  private static final LocalDate ALL_DAYS_FROM = LocalDate.of(1970, 1, 1);
  private static final LocalDate ALL_DAYS_TO = LocalDate.of(9999, 12, 31);

  // Rows per page of holds and of erasures; "Show older" appends the next.
  public static final int PAGE = 25;

  private final ConsoleUser user;
  private final RetentionService retention;
  private final StreamSelectors selectors;
  private final RetentionParts parts;
  private final RetentionJob job;
  private final LegalHoldService holds;
  private final HoldChecks holdChecks;
  private final ErasureService erasures;
  private final ErasureChecks erasureChecks;
  private final ObjectMapper json;

  private final Span summary = new Span();
  private final TextArea policyJson = new TextArea("Policy (JSON)");
  private final Grid<ClassRow> classes = new Grid<>();
  private final Grid<ExpiryRow> preview = new Grid<>();
  private final Grid<LegalHold> holdGrid = new Grid<>();
  private final Grid<Erasure> erasureGrid = new Grid<>();
  private final PagedRows<LegalHold> holdRows;
  private final PagedRows<Erasure> erasureRows;

  @Inject
  public RetentionView(SecurityIdentity identity, RetentionService retention,
      StreamSelectors selectors, RetentionParts parts, RetentionJob job,
      LegalHoldService holds, HoldChecks holdChecks, ErasureService erasures,
      ErasureChecks erasureChecks, ObjectMapper json) {
    this.user = ConsoleUser.of(identity);
    this.retention = retention;
    this.selectors = selectors;
    this.parts = parts;
    this.job = job;
    this.holds = holds;
    this.holdChecks = holdChecks;
    this.erasures = erasures;
    this.erasureChecks = erasureChecks;
    this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    setSizeFull();
    summary.setId("retention-summary");

    classes.setId("retention-classes");
    classes.addColumn(ClassRow::name).setHeader("Class").setAutoWidth(true);
    classes.addColumn(ClassRow::selector).setHeader("Selector").setFlexGrow(1);
    classes.addColumn(ClassRow::days).setHeader("Days").setAutoWidth(true);
    classes.addColumn(c -> c.priority() == null ? "" : c.priority().toString())
        .setHeader("Priority").setAutoWidth(true);
    classes.addColumn(ClassRow::events).setHeader("Events").setAutoWidth(true);
    classes.addColumn(c -> bytes(c.bytes())).setHeader("On disk").setAutoWidth(true);
    classes.setAllRowsVisible(true);

    preview.setId("retention-preview");
    preview.addColumn(ExpiryRow::index).setHeader("Index").setAutoWidth(true);
    preview.addColumn(ExpiryRow::fate).setHeader("Next run").setFlexGrow(1);
    preview.addColumn(ExpiryRow::events).setHeader("Events").setAutoWidth(true);
    preview.addColumn(e -> bytes(e.bytes())).setHeader("On disk").setAutoWidth(true);
    preview.addColumn(ExpiryRow::when).setHeader("Deleted after").setAutoWidth(true);
    preview.setAllRowsVisible(true);

    holdGrid.setId("holds");
    holdGrid.addColumn(h -> h.name).setHeader("Hold").setAutoWidth(true);
    holdGrid.addColumn(h -> h.caseRef == null ? "" : h.caseRef).setHeader("Case").setAutoWidth(true);
    holdGrid.addColumn(h -> h.query).setHeader("Query").setFlexGrow(1);
    holdGrid.addColumn(h -> h.releasedAt == null ? "active" : "released " + h.releasedAt)
        .setHeader("Status").setAutoWidth(true);
    holdGrid.setAllRowsVisible(true);
    holdRows = new PagedRows<>(holdGrid, PAGE, "older-holds", "Show older holds",
        page -> Blocking.await(() -> holds.page(user.tenant(), page)));

    erasureGrid.setId("erasures");
    erasureGrid.addColumn(e -> e.id).setHeader("Erasure").setAutoWidth(true);
    erasureGrid.addColumn(e -> e.state).setHeader("State").setAutoWidth(true);
    erasureGrid.addColumn(e -> e.query).setHeader("Query").setFlexGrow(1);
    erasureGrid.addColumn(e -> String.valueOf(e.requestedAt)).setHeader("Requested")
        .setAutoWidth(true);
    erasureGrid.addComponentColumn(this::erasureActions).setHeader("").setAutoWidth(true);
    erasureGrid.setAllRowsVisible(true);
    erasureRows = new PagedRows<>(erasureGrid, PAGE, "older-erasures", "Show older erasures",
        page -> Blocking.await(() -> erasures.page(user.tenant(), page)));

    add(new H3("Policy"), summary, classes);
    if (user.isAdmin()) {
      policyJson.setId("policy-json");
      policyJson.setWidthFull();
      policyJson.setHelperText("default_days, profile (none, pci-dss, hipaa, sox), max_days, and"
          + " streams: [{name, selector, days, priority}]. Checked like the API's PUT.");
      Button save = new Button("Save policy", e -> savePolicy());
      save.setId("save-policy");
      save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
      add(policyJson, save);
    }
    add(new H3("Next retention run"), preview);
    add(new H3("Legal holds"));
    if (user.isAdmin()) {
      holdGrid.addComponentColumn(this::releaseButton).setHeader("").setAutoWidth(true);
      add(holdForm());
    }
    add(holdGrid, holdRows.olderButton(), new H3("Erasures"));
    if (user.isAdmin()) {
      add(erasureForm());
    }
    add(erasureGrid, erasureRows.olderButton());
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
    String tenant = user.tenant();
    RetentionPolicy policy = Blocking.await(() -> retention.get(tenant));
    summary.setText("Profile " + policy.profile() + " · default " + policy.defaultDays() + " days"
        + (policy.maxDays() == null ? "" : " · at most " + policy.maxDays() + " days")
        + (policy.updatedAt() == null ? " · the platform default (no policy set)"
            : " · set " + policy.updatedAt() + " by " + policy.updatedBy()));
    classes.setItems(classRows(tenant, policy));
    if (user.isAdmin()) {
      Map<String, Object> editable = new LinkedHashMap<>();
      editable.put("default_days", policy.defaultDays());
      editable.put("profile", policy.profile());
      editable.put("max_days", policy.maxDays());
      editable.put("streams", policy.streams());
      policyJson.setValue(write(editable));
    }
    List<ExpiryRow> rows = new ArrayList<>();
    var nextRun = job.nextRun();
    RetentionParts.Merged<IndexExpiry> expired = parts.expired(tenant, nextRun);
    if (!expired.missing().isEmpty()) {
      // Say so rather than show a preview that silently leaves a node's indexes out.
      summary.setText(summary.getText() + " · partial: no answer from "
          + String.join(", ", expired.missing().stream().map(m -> m.node()).toList()));
    }
    for (IndexExpiry expiry : expired.rows()) {
      String fate = !expiry.heldBy().isEmpty() ? "kept by " + String.join(", ", expiry.heldBy())
          : nextRun.isBefore(expiry.deleteAfter()) ? "waits for the delete delay" : "deleted";
      rows.add(new ExpiryRow(expiry.index(), fate, expiry.events(), expiry.bytes(),
          expiry.deleteAfter().toString()));
    }
    preview.setItems(rows);
    holdRows.reload();
    erasureRows.reload();
  }

  private List<ClassRow> classRows(String tenant, RetentionPolicy policy) {
    Map<String, long[]> usage = new TreeMap<>();
    for (UsageResource.DayUsage day : parts.usage(tenant, ALL_DAYS_FROM, ALL_DAYS_TO).rows()) {
      long[] sum = usage.computeIfAbsent(day.retentionClass(), c -> new long[2]);
      sum[0] += day.events();
      sum[1] += day.bytes();
    }
    List<ClassRow> rows = new ArrayList<>();
    long[] none = new long[2];
    long[] defaults = usage.getOrDefault(RetentionPolicy.DEFAULT_CLASS, none);
    rows.add(new ClassRow(RetentionPolicy.DEFAULT_CLASS, "events no stream selects",
        policy.defaultDays(), null, defaults[0], defaults[1]));
    for (RetentionStream stream : policy.streams()) {
      long[] used = usage.getOrDefault(stream.name(), none);
      rows.add(new ClassRow(stream.name(), stream.selector(), stream.days(), stream.priority(),
          used[0], used[1]));
    }
    return rows;
  }

  private void savePolicy() {
    try {
      RetentionPolicy body = json.readValue(policyJson.getValue(), RetentionPolicy.class);
      RetentionPolicy valid = RetentionRules.validate(body, null, selectors::check);
      Blocking.await(() -> retention.put(user.caller(), valid));
      Notification.show("Policy saved", 3000, Notification.Position.TOP_CENTER)
          .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
      refresh();
    } catch (JsonProcessingException e) {
      error("The policy is not valid JSON: " + e.getOriginalMessage());
    } catch (ProblemException e) {
      error(e.getMessage());
    }
  }

  private HorizontalLayout holdForm() {
    TextField name = new TextField("Hold");
    name.setId("hold-name");
    TextField caseRef = new TextField("Case");
    caseRef.setId("hold-case");
    TextField query = new TextField("Query");
    query.setId("hold-query");
    query.setPlaceholder("service:payments");
    TextField from = new TextField("From");
    from.setId("hold-from");
    from.setPlaceholder("now-90d (empty: the first event)");
    TextField reason = new TextField("Reason");
    reason.setId("hold-reason");
    Button place = new Button("Place hold", e -> {
      try {
        var valid = holdChecks.valid(new HoldRequest(name.getValue(), caseRef.getValue(),
            query.getValue(), from.getValue(), null, reason.getValue()));
        Blocking.await(() -> holds.create(user.caller(), valid));
        name.clear();
        caseRef.clear();
        query.clear();
        from.clear();
        reason.clear();
        refresh();
      } catch (ProblemException problem) {
        error(problem.getMessage());
      }
    });
    place.setId("place-hold");
    HorizontalLayout form = new HorizontalLayout(name, caseRef, query, from, reason, place);
    form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.END);
    return form;
  }

  private Button releaseButton(LegalHold hold) {
    Button release = new Button("Release", e -> {
      Blocking.await(() -> holds.release(user.caller(), hold.id));
      refresh();
    });
    release.addClassName("release-hold");
    release.getElement().setAttribute("data-hold", hold.name);
    release.addThemeVariants(ButtonVariant.LUMO_SMALL);
    release.setEnabled(hold.releasedAt == null);
    return release;
  }

  private HorizontalLayout erasureForm() {
    TextField query = new TextField("Query");
    query.setId("erasure-query");
    query.setPlaceholder("user.email:\"a@b.example\"");
    TextField from = new TextField("From");
    from.setId("erasure-from");
    from.setPlaceholder("now-30d (empty: the first event)");
    TextField reason = new TextField("Reason");
    reason.setId("erasure-reason");
    Button request = new Button("Request erasure", e -> {
      try {
        var valid = erasureChecks.valid(user.tenant(), new ErasureRequest(query.getValue(),
            from.getValue(), null, reason.getValue()));
        Blocking.await(() -> erasures.request(user.caller(), valid));
        query.clear();
        from.clear();
        reason.clear();
        refresh();
      } catch (ProblemException problem) {
        error(problem.getMessage());
      }
    });
    request.setId("request-erasure");
    request.addThemeVariants(ButtonVariant.LUMO_ERROR);
    HorizontalLayout form = new HorizontalLayout(query, from, reason, request);
    form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.END);
    return form;
  }

  private HorizontalLayout erasureActions(Erasure erasure) {
    HorizontalLayout actions = new HorizontalLayout();
    if (user.isAdmin() && "pending".equals(erasure.state)) {
      Button cancel = new Button("Cancel", e -> {
        try {
          Blocking.await(() -> erasures.cancel(user.caller(), erasure.id));
        } catch (ProblemException problem) {
          error(problem.getMessage());
        }
        refresh();
      });
      cancel.addClassName("cancel-erasure");
      cancel.getElement().setAttribute("data-erasure", erasure.id);
      cancel.addThemeVariants(ButtonVariant.LUMO_SMALL);
      actions.add(cancel);
    }
    if (erasure.receipt != null) {
      Button receipt = new Button("Receipt", e -> showReceipt(erasure));
      receipt.addClassName("erasure-receipt");
      receipt.getElement().setAttribute("data-erasure", erasure.id);
      receipt.addThemeVariants(ButtonVariant.LUMO_SMALL);
      actions.add(receipt);
    }
    return actions;
  }

  private void showReceipt(Erasure erasure) {
    Dialog dialog = new Dialog();
    dialog.setId("receipt-dialog");
    dialog.setHeaderTitle("Receipt of " + erasure.id);
    String text;
    try {
      text = write(json.readTree(erasure.receipt));
    } catch (JsonProcessingException e) {
      text = erasure.receipt;
    }
    dialog.add(new Paragraph("SHA-256 (in the audit trail): " + erasure.receiptHash), new Pre(text));
    dialog.getFooter().add(new Button("Close", e -> dialog.close()));
    dialog.open();
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void error(String message) {
    Notification.show(message, 6000, Notification.Position.TOP_CENTER)
        .addThemeVariants(NotificationVariant.LUMO_ERROR);
  }

  private static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format("%.1f KB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format("%.1f MB", bytes / (1024.0 * 1024));
    }
    return String.format("%.1f GB", bytes / (1024.0 * 1024 * 1024));
  }
}
