package io.strata.ui.alerts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.strata.alerting.channel.ChannelRequest;
import io.strata.alerting.channel.ChannelRules;
import io.strata.alerting.channel.ChannelView;
import io.strata.alerting.delivery.Attempt;
import io.strata.infra.http.ProblemException;
import io.strata.ui.Blocking;
import io.strata.ui.ConsoleUser;
import java.util.List;

/**
 * The tenant's notification channels (never their secrets); writers create one (webhook, Slack,
 * PagerDuty, e-mail), send it a test message and see what the receiver answered, or delete it.
 */
class ChannelsPanel extends VerticalLayout implements AlertsPanel {

  private final AlertsServices services;
  private final ConsoleUser user;
  private final Grid<ChannelView> grid = new Grid<>();
  private final TextField name = new TextField("Name");
  private final Select<String> kind = new Select<>();
  private final TextField url = new TextField("URL");
  private final PasswordField secret = new PasswordField("Signing secret");
  private final PasswordField routingKey = new PasswordField("Routing key");
  private final TextField to = new TextField("To");
  private final Problems problems = new Problems();
  private List<ChannelView> shown;

  ChannelsPanel(AlertsServices services, ConsoleUser user, boolean writable) {
    this.services = services;
    this.user = user;
    setSizeFull();
    setPadding(false);
    if (writable) {
      add(form());
    }
    grid.setId("channels");
    grid.addColumn(ChannelView::name).setHeader("Name").setAutoWidth(true);
    grid.addColumn(ChannelView::kind).setHeader("Kind").setAutoWidth(true);
    grid.addColumn(c -> c.url() != null ? c.url() : c.to() == null ? "" : String.join(", ",
        c.to())).setHeader("Sends to").setFlexGrow(1);
    grid.addColumn(c -> c.secretSet() ? "set" : "").setHeader("Secret").setAutoWidth(true);
    grid.addColumn(ChannelView::createdBy).setHeader("By").setAutoWidth(true);
    if (writable) {
      grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
    }
    grid.setEmptyStateText("No channels yet.");
    grid.setSizeFull();
    add(grid);
    expand(grid);
  }

  private HorizontalLayout form() {
    name.setId("channel-name");
    kind.setId("channel-kind");
    kind.setLabel("Kind");
    kind.setItems("webhook", "slack", "pagerduty", "email");
    kind.setValue("webhook");
    url.setId("channel-url");
    url.setWidth("24rem");
    secret.setId("channel-secret");
    secret.setHelperText("optional: HMAC-SHA256 signature header");
    routingKey.setId("channel-routing-key");
    to.setId("channel-to");
    to.setPlaceholder("oncall@example.com, ops@example.com");
    to.setWidth("24rem");
    problems.on("name", name).on("kind", kind).on("url", url).on("secret", secret)
        .on("routing_key", routingKey).on("to", to);
    kind.addValueChangeListener(e -> showKindFields());
    showKindFields();
    Button create = new Button("Create channel", e -> create());
    create.setId("create-channel");
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    HorizontalLayout form = new HorizontalLayout(name, kind, url, secret, routingKey, to, create);
    form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    form.setWrap(true);
    return form;
  }

  private void showKindFields() {
    String chosen = kind.getValue();
    url.setVisible(!"email".equals(chosen));
    url.setHelperText("pagerduty".equals(chosen) ? "empty: PagerDuty's Events API v2" : null);
    secret.setVisible("webhook".equals(chosen));
    routingKey.setVisible("pagerduty".equals(chosen));
    to.setVisible("email".equals(chosen));
  }

  @Override
  public void refresh() {
    List<ChannelView> channels = Blocking.await(() -> services.channels().list(user.tenant()))
        .stream().map(ChannelView::of).toList();
    // Unchanged rows are left alone: a refresh must not rebuild the buttons under the pointer.
    if (!channels.equals(shown)) {
      shown = channels;
      grid.setItems(channels);
    }
  }

  private void create() {
    problems.clear();
    String chosen = kind.getValue();
    ChannelRequest request = new ChannelRequest(name.getValue(), chosen,
        url.isVisible() ? blankless(url.getValue()) : null,
        secret.isVisible() ? blankless(secret.getValue()) : null,
        routingKey.isVisible() ? blankless(routingKey.getValue()) : null,
        to.isVisible() ? AlertTexts.list(to.getValue()) : null);
    try {
      // Resolves the URL's host to judge it, as the API does (this is a request thread).
      ChannelRules.Valid valid = services.channelChecks().valid(request, true);
      Blocking.await(() -> services.channels().create(user.caller(), valid));
      name.clear();
      url.clear();
      secret.clear();
      routingKey.clear();
      to.clear();
      Problems.done("Channel created");
      refresh();
    } catch (ProblemException problem) {
      problems.show(problem);
    }
  }

  private HorizontalLayout actions(ChannelView channel) {
    Button test = new Button("Test", e -> test(channel));
    test.addClassName("test-channel");
    test.getElement().setAttribute("data-channel", channel.name());
    test.addThemeVariants(ButtonVariant.LUMO_SMALL);
    Button delete = new Button("Delete", e -> confirmDelete(channel));
    delete.addClassName("delete-channel");
    delete.getElement().setAttribute("data-channel", channel.name());
    delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
    return new HorizontalLayout(test, delete);
  }

  private void test(ChannelView channel) {
    Attempt attempt;
    try {
      attempt = Blocking.await(() -> services.channelTests().test(user.caller(), channel.id()));
    } catch (ProblemException problem) {
      Problems.error(problem.getMessage());
      return;
    }
    Dialog dialog = new Dialog();
    dialog.setId("channel-test-dialog");
    dialog.setHeaderTitle("Test of " + channel.name());
    Span result = new Span((attempt.delivered() ? "Delivered" : "Not delivered")
        + (attempt.statusCode() == null ? "" : " · HTTP " + attempt.statusCode())
        + " · " + attempt.durationMs() + " ms"
        + (attempt.error() == null ? "" : " · " + attempt.error()));
    result.setId("channel-test-result");
    result.getElement().setAttribute("data-delivered", Boolean.toString(attempt.delivered()));
    Pre answer = new Pre(attempt.response() == null ? "(no answer body)" : attempt.response());
    answer.setId("channel-test-response");
    dialog.add(new VerticalLayout(result, new Span("The receiver answered:"), answer));
    Button close = new Button("Close", e -> dialog.close());
    close.setId("close-channel-test");
    dialog.getFooter().add(close);
    dialog.open();
  }

  private void confirmDelete(ChannelView channel) {
    ConfirmDialog confirm = new ConfirmDialog("Delete " + channel.name() + "?",
        "Rules that send to it must be changed first.", "Delete", e -> {
          try {
            Blocking.await(() -> services.channels().delete(user.caller(), channel.id()));
          } catch (ProblemException problem) {
            Problems.error(problem.getMessage());
          }
          refresh();
        });
    confirm.setId("confirm-delete-channel");
    confirm.setCancelable(true);
    confirm.setConfirmButtonTheme("error primary");
    confirm.open();
  }

  private static String blankless(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
