package io.strata.ui.alerts;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.strata.alerting.delivery.DeliveryView;
import io.strata.ui.Blocking;
import io.strata.ui.ConsoleUser;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The delivery log of the last 24 hours: every attempt to hand a notification to a channel, with
 * the receiver's status code and the outcome ({@code delivered}, {@code retry}, {@code failed}),
 * newest first, as {@code GET /api/v1/alerts/deliveries} lists them.
 */
class DeliveriesPanel extends VerticalLayout implements AlertsPanel {

  /** The attempts shown, as the API's default. */
  static final int LIMIT = 1000;

  private final AlertsServices services;
  private final ConsoleUser user;
  private final InstantSource clock;
  private final Grid<DeliveryView> grid = new Grid<>();
  private Map<String, String> channelNames = Map.of();
  private Map<String, String> ruleNames = Map.of();
  private List<Object> shown;

  DeliveriesPanel(AlertsServices services, ConsoleUser user, InstantSource clock) {
    this.services = services;
    this.user = user;
    this.clock = clock;
    setSizeFull();
    setPadding(false);
    grid.setId("deliveries");
    grid.addColumn(d -> AlertTexts.time(d.attemptedAt())).setHeader("At (UTC)")
        .setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(d -> channelNames.getOrDefault(d.channelId(), d.channelId()))
        .setHeader("Channel").setAutoWidth(true);
    grid.addColumn(DeliveryView::event).setHeader("Event").setAutoWidth(true);
    grid.addColumn(d -> d.ruleId() == null ? "" : ruleNames.getOrDefault(d.ruleId(), d.ruleId()))
        .setHeader("Rule").setAutoWidth(true);
    grid.addColumn(DeliveryView::attempt).setHeader("Attempt").setAutoWidth(true);
    grid.addColumn(d -> d.statusCode() == null ? "" : d.statusCode().toString())
        .setHeader("Status").setAutoWidth(true);
    grid.addColumn(DeliveryView::outcome).setHeader("Outcome").setAutoWidth(true);
    grid.addColumn(d -> d.durationMs() + " ms").setHeader("Took").setAutoWidth(true);
    grid.addColumn(d -> d.error() == null ? "" : d.error()).setHeader("Error").setFlexGrow(1)
        .setTooltipGenerator(DeliveryView::error);
    grid.setEmptyStateText("Nothing was sent in the last 24 hours.");
    grid.setSizeFull();
    add(grid);
    expand(grid);
  }

  @Override
  public void refresh() {
    String tenant = user.tenant();
    Instant now = clock.instant();
    channelNames = Blocking.await(() -> services.channels().list(tenant)).stream()
        .collect(Collectors.toMap(c -> c.id, c -> c.name));
    ruleNames = Blocking.await(() -> services.rules().list(tenant)).stream()
        .collect(Collectors.toMap(r -> r.id, r -> r.name));
    List<DeliveryView> attempts = Blocking.await(() -> services.deliveries().list(tenant,
        now.minus(Duration.ofHours(24)), now, null, null, LIMIT));
    // Unchanged rows are left alone (the view refreshes every few seconds).
    List<Object> showing = List.of(attempts, channelNames, ruleNames);
    if (!showing.equals(shown)) {
      shown = showing;
      grid.setItems(attempts);
    }
  }
}
