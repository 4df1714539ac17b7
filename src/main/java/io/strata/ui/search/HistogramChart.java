package io.strata.ui.search;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.strata.search.histogram.HistogramResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The histogram above the results as plain HTML bars, stacked by level, drawn on the server (free
 * components only, no chart library): a click on a bar zooms the search to its bucket, a drag from
 * one bar to another to the buckets between them.
 */
class HistogramChart extends Div {

  private static final List<String> LEVEL_ORDER =
      List.of("FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE");

  private final BiConsumer<Long, Long> zoom;
  private long pressedStart = Long.MIN_VALUE;

  /** A chart that calls {@code zoom} with a bucket's start and end (epoch millis) on a click. */
  HistogramChart(BiConsumer<Long, Long> zoom) {
    this.zoom = zoom;
    setId("histogram");
    setWidthFull();
    getStyle().set("display", "flex").set("align-items", "flex-end").set("gap", "1px")
        .set("height", "90px").set("border-bottom", "1px solid var(--lumo-contrast-20pct)");
  }

  void show(HistogramResponse histogram, long intervalMillis) {
    removeAll();
    pressedStart = Long.MIN_VALUE;
    long max = 1;
    for (HistogramResponse.Bucket bucket : histogram.buckets()) {
      max = Math.max(max, bucket.count());
    }
    for (HistogramResponse.Bucket bucket : histogram.buckets()) {
      add(bar(bucket, max, intervalMillis));
    }
  }

  private Div bar(HistogramResponse.Bucket bucket, long max, long intervalMillis) {
    Div bar = new Div();
    bar.addClassName("histogram-bar");
    bar.getElement().setAttribute("data-start", bucket.start());
    bar.getElement().setAttribute("data-count", Long.toString(bucket.count()));
    bar.getElement().setAttribute("title", bucket.start() + ": " + bucket.count() + " events");
    bar.getStyle().set("flex", "1 1 0").set("min-width", "2px").set("cursor", "pointer")
        .set("display", "flex").set("flex-direction", "column-reverse")
        .set("height", Math.max(bucket.count() > 0 ? 2 : 0, 100.0 * bucket.count() / max) + "%");
    long rest = bucket.count();
    Map<String, Long> split = bucket.split() == null ? Map.of() : bucket.split();
    for (String level : LEVEL_ORDER.reversed()) {
      Long n = split.get(level);
      if (n != null && n > 0 && bucket.count() > 0) {
        bar.add(segment(n, bucket.count(), LevelBadge.color(level)));
        rest -= n;
      }
    }
    if (rest > 0) {
      bar.add(segment(rest, bucket.count(), "var(--lumo-primary-color-50pct)"));
    }
    long start = Instant.parse(bucket.start()).toEpochMilli();
    // Press on one bar, release on another (or the same): the range between them, either way.
    bar.getElement().addEventListener("mousedown", e -> pressedStart = start);
    bar.getElement().addEventListener("mouseup", e -> {
      long first = pressedStart == Long.MIN_VALUE ? start : Math.min(pressedStart, start);
      long last = pressedStart == Long.MIN_VALUE ? start : Math.max(pressedStart, start);
      pressedStart = Long.MIN_VALUE;
      zoom.accept(first, last + intervalMillis - 1);
    });
    return bar;
  }

  private static Span segment(long n, long total, String color) {
    Span segment = new Span();
    segment.getStyle().set("display", "block").set("background", color)
        .set("height", (100.0 * n / total) + "%");
    return segment;
  }
}
