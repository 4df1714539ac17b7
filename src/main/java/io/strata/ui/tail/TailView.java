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
import com.vaadin.flow.shared.Registration;
import io.quarkus.security.identity.SecurityIdentity;
import io.strata.infra.http.ProblemException;
import io.strata.search.EventFilters;
import io.strata.security.CallerCredential;
import io.strata.tail.TailConfig;
import io.strata.tail.TailHub;
import io.strata.tail.TailMessage;
import io.strata.tail.TailSession;
import io.strata.ui.AccessDeniedView;
import io.strata.ui.ConsoleUser;
import io.strata.ui.MainLayout;
import io.strata.ui.search.EventColumns;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Flow;
import org.jboss.logging.Logger;

/**
 * Live tail: the events matching a query, pushed to the browser as they are indexed (the same tail
 * as {@code GET /api/v1/tail}), newest on top, at most the chosen number of rows.
 *
 * <p>Pausing freezes the rows but not the stream: what arrives meanwhile is counted and shown on
 * resume. The status line says "Live" only while the stream is heard from; a stream that goes
 * quiet or breaks is opened again, and a browser that loses the server says so on its own.
 */
@Route(value = "tail", layout = MainLayout.class)
@PageTitle("Live tail · Strata")
public class TailView extends VerticalLayout implements BeforeEnterObserver {

  private static final Logger LOG = Logger.getLogger(TailView.class);
  private static final TypeReference<Map<String, Object>> EVENT = new TypeReference<>() {};
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /**
   * Shows the browser's own loss of the server, which no message from the server can: Vaadin's
   * connection state turns to reconnecting or lost, and the status line gives way to a warning.
   */
  private static final String WATCH_CONNECTION = """
      const warning = this, status = $0, store = window.Vaadin && window.Vaadin.connectionState;
      if (!store || warning.$strataWatch) { return; }
      warning.$strataWatch = () => {
        // A view navigated away from takes its listener with it.
        if (!warning.isConnected) {
          if (store.removeStateChangeListener) {
            store.removeStateChangeListener(warning.$strataWatch);
          }
          return;
        }
        // Every request passes through 'loading', retries while reconnecting too: only the
        // states either side of it say whether the server is there.
        if (store.state === 'loading') { return; }
        const down = (store.state === 'reconnecting' || store.state === 'connection-lost')
            && status.dataset.running === 'true';
        warning.textContent = 'Disconnected from the server · last event '
            + (status.dataset.lastEvent || 'none');
        warning.style.display = down ? '' : 'none';
        status.style.display = down ? 'none' : '';
      };
      store.addStateChangeListener(warning.$strataWatch);
      warning.$strataWatch();
      """;

  private final TailHub hub;
  private final EventFilters filters;
  private final ObjectMapper json;
  private final ConsoleUser user;
  private final Duration pollEvery;
  private final TextField query = new TextField();
  private final Select<Integer> keep = new Select<>();
  private final Button startStop = new Button("Start");
  private final Button pause = new Button("Pause");
  private final Span status = new Span("Stopped");
  private final Span disconnected = new Span();
  private final Grid<Map<String, Object>> grid = EventColumns.grid();
  private final PausableRows rows = new PausableRows(1000);
  private final TailStatus state;
  private TailSession session;
  private Flow.Subscription subscription;
  private String tailedQuery;
  private Registration polling;

  @Inject
  public TailView(SecurityIdentity identity, TailHub hub, EventFilters filters, ObjectMapper json,
      TailConfig config) {
    this.hub = hub;
    this.filters = filters;
    this.json = json;
    this.user = ConsoleUser.of(identity);
    // The tail sends a keep-alive after a heartbeat of silence; two missed in a row is a stream
    // that no longer flows.
    this.state = new TailStatus(config.heartbeat().multipliedBy(2).plusSeconds(2));
    this.pollEvery = clamp(config.heartbeat().dividedBy(2), Duration.ofSeconds(1),
        Duration.ofSeconds(5));
    setSizeFull();
    query.setId("tail-query");
    query.setPlaceholder("level:ERROR   service:checkout");
    query.setWidthFull();
    query.addKeyPressListener(Key.ENTER, e -> start());
    keep.setId("tail-keep");
    keep.setLabel("Keep rows");
    keep.setItems(200, 1000, 5000);
    keep.setValue(1000);
    keep.addValueChangeListener(e -> {
      rows.keep(e.getValue());
      grid.getDataProvider().refreshAll();
    });
    startStop.setId("tail-start");
    startStop.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    startStop.addClickListener(e -> {
      if (state.running()) {
        stop();
      } else {
        start();
      }
    });
    pause.setId("tail-pause");
    pause.setEnabled(false);
    pause.addClickListener(e -> togglePause());
    status.setId("tail-status");
    disconnected.setId("tail-disconnected");
    disconnected.getStyle().set("display", "none").set("color", "var(--lumo-error-text-color)");
    HorizontalLayout bar =
        new HorizontalLayout(query, keep, startStop, pause, status, disconnected);
    bar.setWidthFull();
    bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.END);
    bar.expand(query);

    grid.setId("tail-events");
    grid.setItems(rows.shown());
    grid.setSizeFull();
    add(bar, grid);
    expand(grid);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    AccessDeniedView.unless(user.canSearch(), event);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    disconnected.getElement().executeJs(WATCH_CONNECTION, status.getElement());
    showStatus();
  }

  @Override
  protected void onDetach(DetachEvent event) {
    stop();
  }

  /** Opens a tail of the query in the field, replacing any other. */
  private void start() {
    stop();
    tailedQuery = query.getValue();
    rows.clear();
    grid.getDataProvider().refreshAll();
    state.starting(Instant.now());
    if (open(true)) {
      startStop.setText("Stop");
      pause.setText("Pause");
      pause.setEnabled(true);
      UI ui = UI.getCurrent();
      ui.setPollInterval((int) pollEvery.toMillis());
      polling = ui.addPollListener(e -> watch());
    } else {
      state.stopped();
    }
    showStatus();
  }

  /**
   * Opens the hub's tail and follows it; false when the hub refuses, which the user is told when
   * {@code tell} (a reconnect that fails is retried on the next poll instead, without a word each
   * time).
   */
  private boolean open(boolean tell) {
    String q = tailedQuery;
    TailSession mine;
    try {
      mine = hub.open(user.caller(), q, () -> filters.query(q), CallerCredential.CONSOLE);
    } catch (ProblemException e) {
      if (tell) {
        Notification.show(e.getMessage(), 5000, Notification.Position.TOP_CENTER)
            .addThemeVariants(NotificationVariant.LUMO_ERROR);
      } else {
        LOG.debugf("Live tail could not be opened again yet: %s", e.getMessage());
      }
      return false;
    }
    session = mine;
    UI ui = UI.getCurrent();
    mine.events().subscribe().withSubscriber(new Flow.Subscriber<TailMessage>() {
      private Flow.Subscription own;

      @Override
      public void onSubscribe(Flow.Subscription s) {
        own = s;
        ui.access(() -> {
          if (session == mine) {
            subscription = s;
          } else {
            s.cancel();
          }
        });
        s.request(1);
      }

      @Override
      public void onNext(TailMessage message) {
        ui.access(() -> {
          if (session != mine) {
            return;
          }
          receive(message);
          // One at a time, asked for once shown: a browser that falls behind leaves the rest in
          // the tail's bounded buffer. Asked for while paused too, so the stream stays heard.
          if (session == mine) {
            own.request(1);
          }
        });
      }

      @Override
      public void onError(Throwable failure) {
        LOG.warn("Live tail stream failed; opening it again", failure);
        ui.access(() -> lost(mine));
      }

      @Override
      public void onComplete() {
        ui.access(() -> lost(mine));
      }
    });
    return true;
  }

  private void receive(TailMessage message) {
    Instant now = Instant.now();
    switch (message) {
      case TailMessage.Opened opened -> state.heard(now);
      case TailMessage.KeepAlive alive -> state.heard(now);
      case TailMessage.Ended ended -> {
        state.ended(ended.reason());
        close();
        stopped();
      }
      case TailMessage.Dropped dropped -> {
        state.heard(now);
        state.missed(dropped.missed());
      }
      case TailMessage.Match match -> {
        Map<String, Object> event;
        try {
          event = json.readValue(match.json(), EVENT);
        } catch (java.io.IOException e) {
          LOG.debugf("Live tail skipped an unreadable event %s", match.id());
          return;
        }
        state.event(now);
        status.getElement().setAttribute("data-last-event", CLOCK.format(now));
        if (rows.add(event)) {
          grid.getDataProvider().refreshAll();
        }
      }
    }
    showStatus();
  }

  /** The stream of {@code mine} ended unasked: the next poll opens it again. */
  private void lost(TailSession mine) {
    if (session != mine) {
      return;
    }
    close();
    state.lost();
    showStatus();
  }

  /** On every poll: opens again a tail whose stream broke or went quiet. */
  private void watch() {
    Instant now = Instant.now();
    if (state.running() && (session == null || state.stale(now))) {
      close();
      state.reconnecting(now);
      open(false);
    }
    showStatus();
  }

  private void togglePause() {
    if (state.paused()) {
      rows.resume();
      state.paused(false);
      grid.getDataProvider().refreshAll();
    } else {
      rows.pause();
      state.paused(true);
    }
    pause.setText(state.paused() ? "Resume" : "Pause");
    showStatus();
  }

  private void stop() {
    close();
    state.stopped();
    stopped();
    showStatus();
  }

  /** The controls of a tail that is not running. */
  private void stopped() {
    rows.resume();
    grid.getDataProvider().refreshAll();
    startStop.setText("Start");
    pause.setText("Pause");
    pause.setEnabled(false);
    if (polling != null) {
      polling.remove();
      polling = null;
      getUI().ifPresent(ui -> ui.setPollInterval(-1));
    }
  }

  /** Closes the hub's tail, if open, without changing the status. */
  private void close() {
    TailSession closing = session;
    session = null;
    if (subscription != null) {
      subscription.cancel();
      subscription = null;
    }
    if (closing != null) {
      closing.close();
    }
  }

  private void showStatus() {
    status.setText(state.text(Instant.now()));
    status.getElement().setAttribute("data-running", Boolean.toString(state.running()));
  }

  private static Duration clamp(Duration value, Duration min, Duration max) {
    return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
  }
}
