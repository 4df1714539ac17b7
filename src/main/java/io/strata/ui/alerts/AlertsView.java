package io.strata.ui.alerts;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import io.quarkus.security.identity.SecurityIdentity;
import io.strata.alerting.AlertPreviewService;
import io.strata.alerting.AlertRuleChecks;
import io.strata.alerting.AlertRuleService;
import io.strata.alerting.AlertService;
import io.strata.alerting.channel.ChannelChecks;
import io.strata.alerting.channel.ChannelService;
import io.strata.alerting.delivery.ChannelTestService;
import io.strata.alerting.delivery.DeliveryService;
import io.strata.alerting.silence.SilenceService;
import io.strata.infra.http.ProblemException;
import io.strata.ui.AccessDeniedView;
import io.strata.ui.ConsoleUser;
import io.strata.ui.MainLayout;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tenant's alerting: the current alerts (with ack), the rules with their state and a sparkline
 * of the last day (and the rule form with its live preview), the history of the last day,
 * silences, channels (with the test button) and the delivery log. Engineers and admins change
 * things; auditors read, and see no control that would change anything. Every call goes to the
 * same service, with the same checks, as the API's, as the signed-in user, so it is scoped to
 * their tenant and recorded in the audit trail as an API call is.
 */
@Route(value = "alerts", layout = MainLayout.class)
@PageTitle("Alerts · Strata")
public class AlertsView extends VerticalLayout implements BeforeEnterObserver {

  /** How often the shown tab is read again while the view is open. */
  static final int POLL_MILLIS = 10_000;

  private final ConsoleUser user;
  private final TabSheet tabs = new TabSheet();
  private final Map<Tab, AlertsPanel> panels = new LinkedHashMap<>();
  private Registration polling;

  @Inject
  public AlertsView(SecurityIdentity identity, AlertRuleService rules, AlertRuleChecks ruleChecks,
      AlertPreviewService previews, AlertService alerts, ChannelService channels,
      ChannelChecks channelChecks, ChannelTestService channelTests, SilenceService silences,
      DeliveryService deliveries, InstantSource clock) {
    this.user = ConsoleUser.of(identity);
    setSizeFull();
    if (!readable(user)) {
      return;
    }
    AlertsServices services = new AlertsServices(rules, ruleChecks, previews, alerts, channels,
        channelChecks, channelTests, silences, deliveries);
    boolean writable = writable(user);
    add("alerts", "Alerts", new CurrentAlertsPanel(user, writable, alerts));
    add("rules", "Rules", new RulesPanel(services, user, writable, clock));
    add("history", "History", new HistoryPanel(services, user, clock));
    add("silences", "Silences", new SilencesPanel(services, user, writable, clock));
    add("channels", "Channels", new ChannelsPanel(services, user, writable));
    add("deliveries", "Deliveries", new DeliveriesPanel(services, user, clock));
    tabs.setId("alerts-tabs");
    tabs.setSizeFull();
    tabs.addSelectedChangeListener(e -> refreshShown());

    H3 title = new H3("Alerts");
    title.getStyle().set("margin", "0");
    Button refresh = new Button("Refresh", e -> refreshShown());
    refresh.setId("alerts-refresh");
    HorizontalLayout header = new HorizontalLayout(title, refresh);
    header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
    add(header, tabs);
    expand(tabs);
  }

  /** Whether {@code user} may open the view: whoever reads rules through the API. */
  public static boolean readable(ConsoleUser user) {
    return user.canSearch() || user.isAdmin() || user.canAudit();
  }

  /** Whether {@code user} may change rules, channels and silences and ack alerts. */
  static boolean writable(ConsoleUser user) {
    return (user.canSearch() || user.isAdmin()) && !user.readOnly();
  }

  private void add(String id, String label, Component panel) {
    Tab tab = tabs.add(label, panel);
    tab.setId("tab-" + id);
    panels.put(tab, (AlertsPanel) panel);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    AccessDeniedView.unless(readable(user), event);
    if (readable(user)) {
      refreshShown();
    }
  }

  @Override
  protected void onAttach(AttachEvent event) {
    super.onAttach(event);
    if (readable(user)) {
      UI ui = event.getUI();
      ui.setPollInterval(POLL_MILLIS);
      polling = ui.addPollListener(e -> refreshShown());
    }
  }

  @Override
  protected void onDetach(DetachEvent event) {
    if (polling != null) {
      polling.remove();
      polling = null;
      event.getUI().setPollInterval(-1);
    }
    super.onDetach(event);
  }

  /** Reads the shown tab's data again. */
  private void refreshShown() {
    AlertsPanel panel = panels.get(tabs.getSelectedTab());
    if (panel == null) {
      return;
    }
    try {
      panel.refresh();
    } catch (ProblemException problem) {
      Problems.error(problem.getMessage());
    }
  }
}
