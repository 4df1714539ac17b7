package io.strata.ui.search;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.strata.search.histogram.HistogramResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The histogram above the results as plain HTML bars, stacked by level, drawn on the server (free
 * components only, no chart library), with a count axis, a time axis in the displayed zone and a
 * level legend. Pointing at a bar shows its start and counts; a click zooms the search to its
 * bucket, a drag to the buckets it covers, shown as a band while dragging. The pointer is followed
 * in the browser (a small script), so dragging costs no round trip.
 */
class HistogramChart extends Div {

  private static final List<String> LEVEL_ORDER =
      List.of("FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE");
  private static final String OTHER = "var(--lumo-primary-color-50pct)";
  private static final String PLOT_HEIGHT = "90px";

  private final BiConsumer<Long, Long> zoom;
  private final Div legend = new Div();
  private final Div readout = new Div();
  private final Div countAxis = new Div();
  private final Div plot = new Div();
  private final Div timeAxis = new Div();
  private final List<Long> starts = new ArrayList<>();
  private HistogramResponse shown;
  private long intervalMillis;
  private ZoneId zone = ZoneOffset.UTC;

  /** A chart that calls {@code zoom} with the start and end (epoch millis) of what was picked. */
  HistogramChart(BiConsumer<Long, Long> zoom) {
    this.zoom = zoom;
    setId("histogram");
    setWidthFull();
    getStyle().set("display", "grid").set("grid-template-columns", "3rem 1fr")
        .set("grid-template-rows", "auto " + PLOT_HEIGHT + " 1.4rem").set("column-gap", "4px")
        .set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)")
        .set("user-select", "none").set("flex-shrink", "0");

    readout.addClassName("histogram-readout");
    readout.getStyle().set("flex", "1 1 0").set("min-height", "1.2em").set("min-width", "0")
        .set("white-space", "nowrap").set("overflow", "hidden").set("text-overflow", "ellipsis")
        .set("color", "var(--lumo-body-text-color)");
    legend.addClassName("histogram-legend");
    legend.getStyle().set("display", "flex").set("gap", "var(--lumo-space-s)");
    Div header = new Div(readout, legend);
    header.getStyle().set("grid-area", "1 / 2").set("display", "flex")
        .set("gap", "var(--lumo-space-m)");
    countAxis.addClassName("histogram-count-axis");
    countAxis.getStyle().set("grid-area", "2 / 1").set("position", "relative")
        .set("text-align", "right");
    plot.addClassName("histogram-plot");
    plot.getStyle().set("grid-area", "2 / 2").set("position", "relative").set("display", "flex")
        .set("align-items", "flex-end").set("gap", "1px").set("cursor", "crosshair")
        .set("border-left", "1px solid var(--lumo-contrast-20pct)")
        .set("border-bottom", "1px solid var(--lumo-contrast-20pct)");
    timeAxis.addClassName("histogram-time-axis");
    timeAxis.getStyle().set("grid-area", "3 / 2").set("position", "relative");
    add(header, countAxis, plot, timeAxis);
    // Bars are found by index from the pointer's x, so an empty bar (no height) can end a drag.
    getElement().executeJs("""
        const el = this;
        if (el.__strataHistogram) return;
        el.__strataHistogram = true;
        const plot = () => el.querySelector('.histogram-plot');
        const bars = () => plot().querySelectorAll('.histogram-bar');
        const index = x => {
          const r = plot().getBoundingClientRect();
          const n = bars().length;
          return Math.max(0, Math.min(n - 1, Math.floor((x - r.left) / r.width * n)));
        };
        const inside = e => {
          const r = plot().getBoundingClientRect();
          return e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top
              && e.clientY <= r.bottom;
        };
        let first = null;
        const band = last => {
          const b = el.querySelector('.histogram-band');
          const n = bars().length;
          const lo = Math.min(first, last), hi = Math.max(first, last);
          b.style.left = (100 * lo / n) + '%';
          b.style.width = (100 * (hi - lo + 1) / n) + '%';
          b.style.display = 'block';
        };
        el.addEventListener('mousedown', e => {
          if (e.button !== 0 || !bars().length || !inside(e)) return;
          e.preventDefault();
          first = index(e.clientX);
          band(first);
        });
        window.addEventListener('mousemove', e => {
          if (!el.isConnected || !bars().length) return;
          const over = inside(e);
          if (!over && first === null) {
            el.querySelector('.histogram-readout').textContent = '';
            return;
          }
          const i = index(e.clientX);
          el.querySelector('.histogram-readout').textContent = bars()[i].dataset.tip;
          if (first !== null) band(i);
        });
        window.addEventListener('mouseup', e => {
          if (first === null || !el.isConnected) return;
          const last = index(e.clientX);
          const lo = Math.min(first, last), hi = Math.max(first, last);
          first = null;
          el.dispatchEvent(new CustomEvent('histogram-zoom', {detail: {first: lo, last: hi}}));
        });
        """);
    getElement().addEventListener("histogram-zoom", e -> {
      int first = e.getEventData().get("event.detail.first").asInt();
      int last = e.getEventData().get("event.detail.last").asInt();
      if (first >= 0 && last < starts.size() && first <= last) {
        zoom.accept(starts.get(first), starts.get(last) + intervalMillis - 1);
      }
    }).addEventData("event.detail.first").addEventData("event.detail.last");
  }

  /** Draws {@code histogram}, whose buckets are {@code intervalMillis} wide. */
  void show(HistogramResponse histogram, long intervalMillis) {
    this.shown = histogram;
    this.intervalMillis = intervalMillis;
    redraw();
  }

  /** Labels the time axis and hover texts in {@code zone} from now on. */
  void zone(ZoneId zone) {
    this.zone = zone;
    if (shown != null) {
      redraw();
    }
  }

  private void redraw() {
    plot.removeAll();
    legend.removeAll();
    countAxis.removeAll();
    timeAxis.removeAll();
    readout.setText("");
    starts.clear();
    List<HistogramResponse.Bucket> buckets = shown.buckets();
    long max = 0;
    Set<String> levels = new LinkedHashSet<>();
    boolean other = false;
    for (HistogramResponse.Bucket bucket : buckets) {
      max = Math.max(max, bucket.count());
      Map<String, Long> split = split(bucket);
      levels.addAll(split.keySet());
      other |= bucket.count() > split.values().stream().mapToLong(Long::longValue).sum();
    }
    long top = CountAxis.top(max);
    for (long count : CountAxis.ticks(top)) {
      plot.add(gridLine(count, top));
      countAxis.add(countLabel(count, top));
    }
    for (HistogramResponse.Bucket bucket : buckets) {
      long start = Instant.parse(bucket.start()).toEpochMilli();
      starts.add(start);
      plot.add(bar(bucket, start, top));
    }
    Div band = new Div();
    band.addClassName("histogram-band");
    band.getStyle().set("position", "absolute").set("top", "0").set("bottom", "0")
        .set("display", "none").set("pointer-events", "none")
        .set("background", "var(--lumo-primary-color-10pct)")
        .set("border", "1px solid var(--lumo-primary-color-50pct)");
    plot.add(band);
    if (!starts.isEmpty()) {
      long from = starts.getFirst();
      long to = starts.getLast() + intervalMillis;
      for (TimeAxis.Tick tick : TimeAxis.ticks(from, to, zone, 8)) {
        timeAxis.add(timeLabel(tick, 100.0 * (tick.millis() - from) / (to - from)));
      }
    }
    for (String level : LEVEL_ORDER) {
      if (levels.contains(level)) {
        legend.add(legendItem(level, LevelBadge.color(level)));
      }
    }
    for (String level : levels) {
      if (!LEVEL_ORDER.contains(level)) {
        legend.add(legendItem(level, LevelBadge.color(level)));
      }
    }
    if (other) {
      legend.add(legendItem("other", OTHER));
    }
  }

  private Div bar(HistogramResponse.Bucket bucket, long start, long top) {
    Div bar = new Div();
    bar.addClassName("histogram-bar");
    String tip = tip(bucket, start);
    bar.getElement().setAttribute("data-start", bucket.start());
    bar.getElement().setAttribute("data-count", Long.toString(bucket.count()));
    bar.getElement().setAttribute("data-tip", tip);
    bar.getStyle().set("flex", "1 1 0").set("min-width", "2px").set("display", "flex")
        .set("flex-direction", "column-reverse").set("position", "relative")
        .set("height", Math.max(bucket.count() > 0 ? 2 : 0, 100.0 * bucket.count() / top) + "%");
    long rest = bucket.count();
    Map<String, Long> split = split(bucket);
    for (String level : LEVEL_ORDER.reversed()) {
      Long n = split.get(level);
      if (n != null && n > 0 && bucket.count() > 0) {
        bar.add(segment(n, bucket.count(), LevelBadge.color(level)));
        rest -= n;
      }
    }
    for (Map.Entry<String, Long> e : split.entrySet()) {
      if (!LEVEL_ORDER.contains(e.getKey()) && e.getValue() > 0 && bucket.count() > 0) {
        bar.add(segment(e.getValue(), bucket.count(), LevelBadge.color(e.getKey())));
        rest -= e.getValue();
      }
    }
    if (rest > 0) {
      bar.add(segment(rest, bucket.count(), OTHER));
    }
    return bar;
  }

  /** "Dec 6, 13:05:00 · 12 events · ERROR 2 · INFO 10": what pointing at a bar shows. */
  private String tip(HistogramResponse.Bucket bucket, long start) {
    StringBuilder tip = new StringBuilder(DisplayTimes.bucket(start, zone)).append(" · ")
        .append(String.format("%,d", bucket.count())).append(bucket.count() == 1 ? " event" : " events");
    Map<String, Long> split = split(bucket);
    long rest = bucket.count();
    for (String level : LEVEL_ORDER) {
      Long n = split.get(level);
      if (n != null && n > 0) {
        tip.append(" · ").append(level).append(' ').append(String.format("%,d", n));
        rest -= n;
      }
    }
    for (Map.Entry<String, Long> e : split.entrySet()) {
      if (!LEVEL_ORDER.contains(e.getKey()) && e.getValue() > 0) {
        tip.append(" · ").append(e.getKey()).append(' ').append(String.format("%,d", e.getValue()));
        rest -= e.getValue();
      }
    }
    if (rest > 0 && rest < bucket.count()) {
      tip.append(" · other ").append(String.format("%,d", rest));
    }
    return tip.toString();
  }

  private static Map<String, Long> split(HistogramResponse.Bucket bucket) {
    return bucket.split() == null ? Map.of() : bucket.split();
  }

  private static Span segment(long n, long total, String color) {
    Span segment = new Span();
    segment.getStyle().set("display", "block").set("background", color)
        .set("height", (100.0 * n / total) + "%");
    return segment;
  }

  private static Div gridLine(long count, long top) {
    Div line = new Div();
    line.getStyle().set("position", "absolute").set("left", "0").set("right", "0")
        .set("bottom", (100.0 * count / top) + "%").set("height", "0")
        .set("border-top", "1px dashed var(--lumo-contrast-10pct)").set("pointer-events", "none");
    return line;
  }

  private static Span countLabel(long count, long top) {
    Span label = new Span(CountAxis.label(count));
    label.addClassName("histogram-count-tick");
    label.getStyle().set("position", "absolute").set("right", "0")
        .set("bottom", (100.0 * count / top) + "%").set("transform", "translateY(50%)")
        .set("line-height", "1");
    return label;
  }

  private static Span timeLabel(TimeAxis.Tick tick, double percent) {
    Span label = new Span(tick.label());
    label.addClassName("histogram-time-tick");
    label.getElement().setAttribute("data-millis", Long.toString(tick.millis()));
    label.getStyle().set("position", "absolute").set("left", percent + "%").set("top", "2px")
        .set("transform", "translateX(-50%)").set("white-space", "nowrap");
    return label;
  }

  private static Span legendItem(String name, String color) {
    Span swatch = new Span();
    swatch.getStyle().set("display", "inline-block").set("width", "0.7em").set("height", "0.7em")
        .set("background", color).set("margin-right", "0.3em")
        .set("border-radius", "2px");
    Span item = new Span(swatch, new Span(name));
    item.addClassName("histogram-legend-item");
    item.getElement().setAttribute("data-level", name);
    return item;
  }
}
