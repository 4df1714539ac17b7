package io.strata.ui.search;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.VaadinSession;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.BiConsumer;

/**
 * "Times in Europe/Paris (UTC+01:00) · Switch to UTC": the zone the Search view shows times in,
 * the browser's by default, UTC on request (kept for the session, as people compare with UTC logs
 * of other tools in bursts).
 */
class TimeZoneSwitch extends HorizontalLayout {

  private static final String UTC_CHOSEN = "strata.search.utc";

  private final Span text = new Span();
  private final Button toggle = new Button();
  private final BiConsumer<ZoneId, ZoneId> changed;
  // UTC until the browser has told its zone.
  private ZoneId local = ZoneOffset.UTC;

  /** A switch that calls {@code changed} with the old zone and the new one. */
  TimeZoneSwitch(BiConsumer<ZoneId, ZoneId> changed) {
    this.changed = changed;
    setId("time-zone-switch");
    setSpacing(false);
    setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    getStyle().set("gap", "var(--lumo-space-xs)").set("font-size", "var(--lumo-font-size-s)")
        .set("color", "var(--lumo-secondary-text-color)");
    text.setId("time-zone");
    toggle.setId("time-zone-toggle");
    toggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
    toggle.addClickListener(e -> {
      ZoneId before = zone();
      VaadinSession session = VaadinSession.getCurrent();
      if (session != null) {
        session.setAttribute(UTC_CHOSEN, utcChosen() ? null : Boolean.TRUE);
      }
      refresh(before);
    });
    add(text, toggle);
    refresh(zone());
  }

  @Override
  protected void onAttach(AttachEvent attachEvent) {
    super.onAttach(attachEvent);
    attachEvent.getUI().getPage().retrieveExtendedClientDetails(details -> {
      ZoneId before = zone();
      try {
        local = details.getTimeZoneId() == null ? ZoneOffset.UTC : ZoneId.of(details.getTimeZoneId());
      } catch (DateTimeException e) {
        local = ZoneOffset.UTC;
      }
      refresh(before);
    });
  }

  /** The zone times are shown in now. */
  ZoneId zone() {
    return utcChosen() ? ZoneOffset.UTC : local;
  }

  private boolean utcChosen() {
    VaadinSession session = VaadinSession.getCurrent();
    return session != null && Boolean.TRUE.equals(session.getAttribute(UTC_CHOSEN));
  }

  private void refresh(ZoneId before) {
    ZoneId zone = zone();
    text.setText("Times in " + DisplayTimes.zone(zone, Instant.now()));
    // A browser set to UTC has nothing to switch between.
    toggle.setVisible(!DisplayTimes.isUtc(local));
    toggle.setText(utcChosen() ? "Switch to local time" : "Switch to UTC");
    if (!before.equals(zone)) {
      changed.accept(before, zone);
    }
  }
}
