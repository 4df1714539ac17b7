package io.strata.ui.tail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.quarkus.security.identity.SecurityIdentity;
import io.strata.infra.http.ProblemException;
import io.strata.search.EventFilters;
import io.strata.security.CallerCredential;
import io.strata.tail.TailHub;
import io.strata.tail.TailMessage;
import io.strata.tail.TailSession;
import io.strata.ui.AccessDeniedView;
import io.strata.ui.ConsoleUser;
import io.strata.ui.MainLayout;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.Flow;
import org.jboss.logging.Logger;

/**
 * Live tail: the events matching a query, pushed to the browser as they are indexed (the same tail
 * as {@code GET /api/v1/tail}). Pausing stops asking for events: they wait in the tail's bounded
 * buffer and, beyond it, are counted and shown as missed on resume. At most the chosen number of
 * rows is kept, newest on top.
 */
@Route(value = "tail", layout = MainLayout.class)
@PageTitle("Live tail · Strata")
public class TailView extends VerticalLayout implements BeforeEnterObserver {

  private static final Logger LOG = Logger.getLogger(TailView.class);
  private static final TypeReference<Map<String, Object>> EVENT = new TypeReference<>() {};

  private final TailHub hub;
  private final EventFilters filters;
  private final ObjectMapper json;
  private final ConsoleUser user;
  private final TextField query = new TextField();
  private final Select<Integer> keep = new Select<>();
  private final Button startStop = new Button("Start");
  private final Button pause = new Button("Pause");
  private final Span status = new Span("Stopped");
  private final Grid<Map<String, Object>> grid = new Grid<>();
  private final Deque<Map<String, Object>> rows = new ArrayDeque<>();
  private TailSession session;
  private volatile Flow.Subscription subscription;
  private volatile boolean paused;
  private long missed;

  @Inject
  public TailView(SecurityIdentity identity, TailHub hub, EventFilters filters, ObjectMapper json) {
    this.hub = hub;
    this.filters = filters;
    this.json = json;
    this.user = ConsoleUser.of(identity);
    setSizeFull();
    query.setId("tail-query");
    query.setPlaceholder("level:ERROR   service:checkout");
    query.setWidthFull();
    query.addKeyPressListener(Key.ENTER, e -> restart());
    keep.setId("tail-keep");
    keep.setLabel("Keep rows");
    keep.setItems(200, 1000, 5000);
    keep.setValue(1000);
    startStop.setId("tail-start");
    startStop.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    startStop.addClickListener(e -> {
      if (session == null) {
        restart();
      } else {
        stop();
      }
    });
    pause.setId("tail-pause");
    pause.setEnabled(false);
    pause.addClickListener(e -> togglePause());
    status.setId("tail-status");
    HorizontalLayout bar = new HorizontalLayout(query, keep, startStop, pause, status);
    bar.setWidthFull();
    bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.END);
    bar.expand(query);

    grid.setId("tail-events");
    grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    grid.addColumn(e -> text(e, "@timestamp")).setHeader("Time").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(e -> text(e, "level")).setHeader("Level").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(e -> text(e, "service")).setHeader("Service").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(e -> text(e, "host")).setHeader("Host").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(e -> text(e, "message")).setHeader("Message").setFlexGrow(1);
    grid.setItems(rows);
    grid.setSizeFull();
    add(bar, grid);
    expand(grid);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    AccessDeniedView.unless(user.canSearch(), event);
  }

  @Override
  protected void onDetach(DetachEvent event) {
    stop();
  }

  @Override
  protected void onAttach(AttachEvent event) {
    status.setText("Stopped");
  }

  private void restart() {
    stop();
    UI ui = UI.getCurrent();
    try {
      String q = query.getValue();
      session = hub.open(user.caller(), q, () -> filters.query(q), CallerCredential.CONSOLE);
    } catch (ProblemException e) {
      Notification.show(e.getMessage(), 5000, Notification.Position.TOP_CENTER)
          .addThemeVariants(NotificationVariant.LUMO_ERROR);
      return;
    }
    rows.clear();
    missed = 0;
    paused = false;
    grid.getDataProvider().refreshAll();
    startStop.setText("Stop");
    pause.setText("Pause");
    pause.setEnabled(true);
    status.setText("Starting…");
    TailSession mine = session;
    mine.events().subscribe().withSubscriber(new Flow.Subscriber<TailMessage>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
      }

      @Override
      public void onNext(TailMessage message) {
        ui.access(() -> {
          show(message);
          if (!paused && session == mine) {
            subscription.request(1);
          }
        });
      }

      @Override
      public void onError(Throwable failure) {
        LOG.warn("Live tail failed", failure);
        ui.access(() -> status.setText("Failed: " + failure.getMessage()));
      }

      @Override
      public void onComplete() {
        ui.access(() -> {
          if (session == mine) {
            status.setText("Ended");
          }
        });
      }
    });
  }

  private void show(TailMessage message) {
    switch (message) {
      case TailMessage.Opened opened -> status.setText("Live");
      case TailMessage.KeepAlive alive -> { }
      case TailMessage.Ended ended -> status.setText("Stopped (" + ended.reason() + ")");
      case TailMessage.Dropped dropped -> {
        missed += dropped.missed();
        status.setText("Live · " + missed + " missed");
      }
      case TailMessage.Match match -> {
        try {
          rows.addFirst(json.readValue(match.json(), EVENT));
        } catch (java.io.IOException e) {
          return;
        }
        while (rows.size() > keep.getValue()) {
          rows.removeLast();
        }
        grid.getDataProvider().refreshAll();
      }
    }
  }

  private void togglePause() {
    paused = !paused;
    pause.setText(paused ? "Resume" : "Pause");
    status.setText(paused ? "Paused" : "Live" + (missed > 0 ? " · " + missed + " missed" : ""));
    if (!paused && subscription != null) {
      subscription.request(1);
    }
  }

  private void stop() {
    if (session != null) {
      session.close();
      session = null;
    }
    if (subscription != null) {
      subscription.cancel();
      subscription = null;
    }
    startStop.setText("Start");
    pause.setEnabled(false);
    status.setText("Stopped");
  }

  private static String text(Map<String, Object> event, String field) {
    Object value = event.get(field);
    return value == null ? "" : value.toString();
  }
}
