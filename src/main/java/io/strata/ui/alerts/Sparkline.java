package io.strata.ui.alerts;

import com.vaadin.flow.component.html.Div;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A rule's last day at a glance: 24 bars, one per hour, each as high as the times the rule's
 * alerts went to {@code firing} in that hour. Counted from the alert history the view has read
 * already (one query for all rules), not from the events: a histogram per rule would be a search
 * per rule over a day of events on every refresh, while transitions are what an on-call person
 * asks about ("how often did this fire today?"). Plain HTML bars, drawn on the server.
 */
class Sparkline extends Div {

  static final int HOURS = 24;

  /** A sparkline of {@code counts}, oldest hour first. */
  Sparkline(int[] counts) {
    addClassName("sparkline");
    int max = IntStream.of(counts).max().orElse(0);
    int total = IntStream.of(counts).sum();
    getElement().setAttribute("data-counts",
        IntStream.of(counts).mapToObj(Integer::toString).collect(Collectors.joining(",")));
    getElement().setAttribute("title", total == 0 ? "Did not fire in the last 24 hours"
        : "Fired " + total + (total == 1 ? " time" : " times") + " in the last 24 hours"
            + " (one bar per hour, the newest on the right)");
    getStyle().set("display", "flex").set("align-items", "flex-end").set("gap", "1px")
        .set("height", "1.4em").set("width", "96px")
        .set("border-bottom", "1px solid var(--lumo-contrast-20pct)");
    for (int count : counts) {
      Div bar = new Div();
      bar.getStyle().set("flex", "1 1 0").set("background", count > 0
              ? "var(--lumo-error-color)" : "transparent")
          .set("height", (max == 0 ? 0 : Math.max(15, 100 * count / max)) + "%");
      add(bar);
    }
  }

  /**
   * How many of {@code times} fall in each of the 24 hours before {@code now}, oldest first; times
   * outside that day are left out.
   */
  static int[] hourly(Collection<Instant> times, Instant now) {
    int[] counts = new int[HOURS];
    Instant start = now.minus(Duration.ofHours(HOURS));
    for (Instant time : times) {
      if (time.isBefore(start) || time.isAfter(now)) {
        continue;
      }
      int hour = (int) (Duration.between(start, time).toMillis() / 3_600_000L);
      counts[Math.min(hour, HOURS - 1)]++;
    }
    return counts;
  }
}
