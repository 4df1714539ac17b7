package io.strata.ui.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.strata.export.ExportService;
import io.strata.infra.http.ProblemException;
import io.strata.savedsearch.SavedSearch;
import io.strata.savedsearch.SavedSearchService;
import io.strata.search.EventFilter;
import io.strata.search.EventFilters;
import io.strata.search.SearchResponse;
import io.strata.search.SearchService;
import io.strata.search.ValueCounter;
import io.strata.search.event.ContextService;
import io.strata.search.event.TraceResponse;
import io.strata.search.event.TraceService;
import io.strata.search.facet.FacetService;
import io.strata.search.facet.FieldCatalog;
import io.strata.search.histogram.HistogramResponse;
import io.strata.search.histogram.HistogramService;
import io.strata.search.histogram.Interval;
import io.strata.ui.AccessDeniedView;
import io.strata.ui.ConsoleUser;
import io.strata.ui.MainLayout;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Search: a query with history, a time range (presets or absolute), the histogram over it (a click
 * or a drag zooms in, and "Back" returns to the range before), facets (a click adds a filter) and
 * the matching events, newest first, loaded as the user scrolls; an event opens as JSON with its
 * surrounding lines and its whole request one click away. Times are shown in the browser's zone or
 * UTC. The URL carries {@code q}, {@code from} and {@code to}, so a search can be shared. The
 * toolbar opens and saves the tenant's saved searches and exports the results; the facet panel
 * includes or excludes values and adds fields from those present in the range.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Search · Strata")
public class SearchView extends VerticalLayout implements BeforeEnterObserver {

  private static final Map<String, String> PRESETS = new LinkedHashMap<>();
  private static final String CUSTOM = "Absolute";
  private static final String HISTORY = "strata.search.history";
  /** Surrounding lines loaded at a time, either side of the event. */
  private static final int CONTEXT_PAGE = 25;

  static {
    PRESETS.put("Last 15 minutes", "now-15m");
    PRESETS.put("Last hour", "now-1h");
    PRESETS.put("Last 4 hours", "now-4h");
    PRESETS.put("Last 24 hours", "now-24h");
    PRESETS.put("Last 7 days", "now-7d");
    PRESETS.put("Last 30 days", "now-30d");
  }

  private final SearchService search;
  private final EventFilters filters;
  private final HistogramService histograms;
  private final FacetService facets;
  private final FieldCatalog catalog;
  private final ContextService contexts;
  private final TraceService traces;
  private final ObjectMapper json;
  private final ConsoleUser user;

  private final TextField query = new TextField();
  private final Select<String> history = new Select<>();
  private final Select<String> range = new Select<>();
  private final DateTimePicker from = new DateTimePicker();
  private final DateTimePicker to = new DateTimePicker();
  private final Button back = new Button("Back");
  private final Span rangeText = new Span();
  private final TimeZoneSwitch zoneSwitch = new TimeZoneSwitch(this::zoneChanged);
  private final Span summary = new Span();
  private final HistogramChart chart = new HistogramChart(this::zoom);
  private final FacetPanel facetPanel;
  private final QuerySuggestions suggestions = new QuerySuggestions(query, this::frequentValues);
  private final Grid<Map<String, Object>> grid = EventColumns.grid();
  /** The ranges zoomed out of, the latest first: "Back" returns to them. */
  private final Deque<TimeRange> zoomedFrom = new ArrayDeque<>();
  private String fromText = "now-24h";
  private String toText = "now";
  /** Read by export downloads, which run outside the UI's lock. */
  private volatile CurrentSearch current = new CurrentSearch("", "now-24h", "now", List.of());
  /** The event fields shown as extra columns, as the URL's {@code col} parameters list them. */
  private List<String> columns = List.of();
  /** The fields of the range last searched: what the column chooser offers. */
  private List<String> rangeFields = List.of();
  /** The range last searched, in milliseconds: where the suggested values come from. */
  private String searchedFrom;
  private String searchedTo;

  /** A range as the URL carries it: time expressions such as now-1h, or instants. */
  private record TimeRange(String from, String to) {}

  @Inject
  public SearchView(SecurityIdentity identity, SearchService search, EventFilters filters,
      HistogramService histograms, FacetService facets, ContextService contexts,
      TraceService traces, ObjectMapper json, FieldCatalog catalog, SavedSearchService savedSearches,
      ExportService exports) {
    this.search = search;
    this.filters = filters;
    this.histograms = histograms;
    this.facets = facets;
    this.catalog = catalog;
    this.contexts = contexts;
    this.traces = traces;
    this.json = json;
    this.user = ConsoleUser.of(identity);
    this.facetPanel = new FacetPanel(
        (field, value) -> addFilter(QueryClauses.include(field, value)),
        (field, value) -> addFilter(QueryClauses.exclude(field, value)), fields -> navigate());
    setSizeFull();

    query.setId("query");
    query.setPlaceholder("level:ERROR AND service:checkout   \"connection refused\"   http.status:>=500");
    query.setTooltipText("Lucene syntax: words and \"phrases\" search the message; field:value, "
        + "wildcards (pay*), AND OR NOT, ranges [500 TO 599] or >=500; trace_id:… request_id:…");
    query.setClearButtonVisible(true);
    query.setMinWidth("16rem");
    query.addKeyPressListener(Key.ENTER, e -> navigate());
    history.setId("query-history");
    history.setPlaceholder("History");
    history.setWidth("10rem");
    history.addValueChangeListener(e -> {
      if (e.isFromClient() && e.getValue() != null) {
        query.setValue(e.getValue());
        navigate();
      }
    });
    range.setId("range");
    List<String> ranges = new ArrayList<>(PRESETS.keySet());
    ranges.add(CUSTOM);
    range.setItems(ranges);
    range.setWidth("12rem");
    range.addValueChangeListener(e -> {
      boolean custom = CUSTOM.equals(e.getValue());
      from.setVisible(custom);
      to.setVisible(custom);
      if (e.isFromClient() && !custom) {
        navigate();
      }
    });
    from.setId("range-from");
    to.setId("range-to");
    from.setStep(Duration.ofSeconds(1));
    to.setStep(Duration.ofSeconds(1));
    from.setWidth("19rem");
    to.setWidth("19rem");
    from.setVisible(false);
    to.setVisible(false);
    back.setId("range-back");
    back.setTooltipText("Back to the range before the last zoom");
    back.addClickListener(e -> back());
    back.setVisible(false);
    Button run = new Button("Search", e -> navigate());
    run.setId("search");
    run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    // Wraps rather than overflows: every control stays on screen at any width.
    SavedSearchControls saved = new SavedSearchControls(savedSearches, filters, user,
        () -> current, this::open);
    ExportLinks export = new ExportLinks(exports, user.caller(), () -> current);
    query.setWidthFull();
    // The suggestions hang under the query box, over whatever is below it.
    Div queryBox = new Div(query, suggestions);
    queryBox.getStyle().set("position", "relative");
    queryBox.setMinWidth("16rem");
    FlexLayout bar = new FlexLayout(queryBox, history, range, from, to, back, run, saved, export);
    bar.setId("search-toolbar");
    bar.setWidthFull();
    bar.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    bar.setAlignItems(FlexComponent.Alignment.END);
    bar.getStyle().set("gap", "var(--lumo-space-s) var(--lumo-space-m)");
    bar.setFlexGrow(1, queryBox);
    bar.setFlexBasis("20rem", queryBox);
    rangeText.setId("range-text");
    rangeText.getStyle().set("font-size", "var(--lumo-font-size-s)");
    Button chooseColumns = new Button("Columns", e -> new ColumnChooser(rangeFields, columns,
        this::columnsChanged).open());
    chooseColumns.setId("choose-columns");
    chooseColumns.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
    chooseColumns.setTooltipText("Event fields shown as columns of the results");
    HorizontalLayout rangeLine = new HorizontalLayout(rangeText, chooseColumns, zoneSwitch);
    rangeLine.setId("range-line");
    rangeLine.setWidthFull();
    rangeLine.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    rangeLine.expand(rangeText);
    zoneChanged(zoneSwitch.zone(), zoneSwitch.zone());

    summary.setId("summary");
    grid.setId("results");
    grid.setSizeFull();
    SearchResultColumns.adapt(grid, zoneSwitch::zone);
    grid.setItemDetailsRenderer(new ComponentRenderer<>(this::details));
    grid.setDetailsVisibleOnClick(true);
    VerticalLayout main = new VerticalLayout(chart, summary, grid);
    main.setPadding(false);
    main.setSizeFull();
    HorizontalLayout body = new HorizontalLayout(facetPanel, main);
    body.setSizeFull();
    body.expand(main);
    add(bar, rangeLine, body);
    expand(body);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    AccessDeniedView.unless(user.canSearch(), event);
    if (!user.canSearch()) {
      return;
    }
    Map<String, List<String>> params = event.getLocation().getQueryParameters().getParameters();
    query.setValue(first(params, "q", ""));
    fromText = first(params, "from", "now-24h");
    toText = first(params, "to", "now");
    String preset = PRESETS.entrySet().stream()
        .filter(p -> p.getValue().equals(fromText) && "now".equals(toText))
        .map(Map.Entry::getKey).findFirst().orElse(CUSTOM);
    range.setValue(preset);
    if (CUSTOM.equals(preset)) {
      from.setValue(localTime(fromText));
      to.setValue(localTime(toText));
    }
    back.setVisible(!zoomedFrom.isEmpty());
    columns = params.getOrDefault("col", List.of()).stream().map(String::trim)
        .filter(c -> !c.isEmpty()).distinct().toList();
    ExtraColumns.show(grid, columns);
    String facetFields = first(params, "facets", null);
    if (facetFields != null) {
      for (String field : facetFields.split(",")) {
        if (!field.isBlank() && !facetPanel.fields().contains(field.trim())) {
          facetPanel.fields().add(field.trim());
        }
      }
    }
    run();
  }

  /** Puts the current query and range in the URL; entering it runs the search. */
  private void navigate() {
    navigate(chosenRange());
  }

  /** The range the toolbar shows: a preset, or the absolute times in the displayed zone. */
  private TimeRange chosenRange() {
    if (CUSTOM.equals(range.getValue())) {
      ZoneId zone = zoneSwitch.zone();
      return new TimeRange(
          from.getValue() == null ? "now-24h" : from.getValue().atZone(zone).toInstant().toString(),
          to.getValue() == null ? "now" : to.getValue().atZone(zone).toInstant().toString());
    }
    return new TimeRange(PRESETS.getOrDefault(range.getValue(), "now-24h"), "now");
  }

  private void navigate(TimeRange chosen) {
    QueryParameters params = urlParameters(query.getValue(), chosen);
    getUI().ifPresent(ui -> ui.navigate(SearchView.class, params));
  }

  private QueryParameters urlParameters(String q, TimeRange chosen) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("q", List.of(q));
    params.put("from", List.of(chosen.from()));
    params.put("to", List.of(chosen.to()));
    if (facetPanel.fields().size() > 3) {
      params.put("facets", List.of(String.join(",",
          facetPanel.fields().subList(3, facetPanel.fields().size()))));
    }
    if (!columns.isEmpty()) {
      // One parameter per column: a field name may hold a comma.
      params.put("col", columns);
    }
    return new QueryParameters(params);
  }

  /**
   * Shows the chosen columns at once, without searching again; the URL is updated in place, so a
   * reload or a shared link shows them too.
   */
  private void columnsChanged(List<String> chosen) {
    columns = List.copyOf(chosen);
    ExtraColumns.show(grid, columns);
    current = current.withColumns(columns);
    QueryParameters params = urlParameters(current.q(),
        new TimeRange(current.from(), current.to()));
    getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, new Location("", params)));
  }

  private void run() {
    String q = query.getValue();
    EventFilter filter;
    try {
      filter = filters.parse(q, fromText, toText);
      EventPages pages = new EventPages(search, user.caller(), q, filter.fromMillis(),
          filter.toMillis());
      SearchResponse first = pages.first();
      grid.setItems(request -> pages.fetch(request.getOffset(), request.getLimit()));
      String fromMs = Long.toString(filter.fromMillis());
      String toMs = Long.toString(filter.toMillis());
      Interval interval = Interval.auto(filter.fromMillis(), filter.toMillis());
      HistogramResponse histogram = histograms.histogram(user.caller(), q, fromMs, toMs,
          interval.text(), "level", 6);
      summary.setText(ResultSummary.text(first, histogram));
      rangeText.setText(DisplayTimes.range(filter.fromMillis(), filter.toMillis(),
          zoneSwitch.zone()));
      rangeText.getElement().setAttribute("data-from", Long.toString(filter.fromMillis()));
      rangeText.getElement().setAttribute("data-to", Long.toString(filter.toMillis()));
      chart.show(histogram, interval.millis());
      facetPanel.show(facets.facets(user.caller(), q, fromMs, toMs,
          String.join(",", facetPanel.fields()), 8));
      current = new CurrentSearch(q, fromText, toText, columns);
      // Once per search, not per keystroke: reading the catalog opens every day index in range.
      List<String> fieldNames = catalog.fields(user.caller(), fromMs, toMs).fields().stream()
          .map(FieldCatalog.Field::name).toList();
      facetPanel.fieldNames(fieldNames);
      rangeFields = fieldNames;
      searchedFrom = fromMs;
      searchedTo = toMs;
      suggestions.searched(fieldNames);
      query.setInvalid(false);
      remember(q);
    } catch (ProblemException e) {
      query.setInvalid(true);
      query.setErrorMessage(e.getMessage());
      grid.setItems(List.of());
      summary.setText("");
      problem(e);
    }
  }

  /** The most frequent values of {@code field} in the range last searched, for suggestions. */
  private List<String> frequentValues(String field) {
    if (searchedFrom == null) {
      return List.of();
    }
    try {
      List<ValueCounter.ValueCount> top = facets.facets(user.caller(), "", searchedFrom,
          searchedTo, field, 10).facets().get(field);
      return top == null ? List.of() : top.stream().map(ValueCounter.ValueCount::value).toList();
    } catch (ProblemException e) {
      return List.of();
    }
  }

  static void problem(ProblemException e) {
    Notification.show(e.getMessage(), 5000, Notification.Position.TOP_CENTER)
        .addThemeVariants(NotificationVariant.LUMO_ERROR);
  }

  /** Zooms to an absolute range, shown in the toolbar; the range left is kept for "Back". */
  private void zoom(long fromMillis, long toMillis) {
    zoomedFrom.push(new TimeRange(fromText, toText));
    // The instants themselves: the pickers keep whole seconds only.
    navigate(new TimeRange(Instant.ofEpochMilli(fromMillis).toString(),
        Instant.ofEpochMilli(toMillis).toString()));
  }

  private void back() {
    if (!zoomedFrom.isEmpty()) {
      navigate(zoomedFrom.pop());
    }
  }

  /** Shows every time in {@code now} instead of {@code before}: the same instants, relabelled. */
  private void zoneChanged(ZoneId before, ZoneId now) {
    String zone = DisplayTimes.isUtc(now) ? "UTC" : now.getId();
    from.setLabel("From (" + zone + ")");
    to.setLabel("To (" + zone + ")");
    if (!before.equals(now)) {
      for (DateTimePicker picker : List.of(from, to)) {
        if (picker.getValue() != null) {
          picker.setValue(picker.getValue().atZone(before).withZoneSameInstant(now)
              .toLocalDateTime());
        }
      }
      String fromAttr = rangeText.getElement().getAttribute("data-from");
      String toAttr = rangeText.getElement().getAttribute("data-to");
      if (fromAttr != null && toAttr != null) {
        rangeText.setText(DisplayTimes.range(Long.parseLong(fromAttr), Long.parseLong(toAttr), now));
      }
      chart.zone(now);
      grid.getDataProvider().refreshAll();
    }
  }

  private void addFilter(String clause) {
    query.setValue(QueryClauses.and(query.getValue(), clause));
    navigate();
  }

  /**
   * Runs a saved search: its query, range (the default range when it saved none) and columns (the
   * default ones when it saved none).
   */
  private void open(SavedSearch saved) {
    query.setValue(saved.q);
    List<String> savedColumns = saved.columnList();
    columns = savedColumns == null ? List.of() : List.copyOf(savedColumns);
    zoomedFrom.clear();
    navigate(new TimeRange(saved.from == null ? "now-24h" : saved.from,
        saved.to == null ? "now" : saved.to));
  }

  private Div details(Map<String, Object> event) {
    Pre source = new Pre(pretty(event));
    source.addClassName("event-json");
    source.getStyle().set("white-space", "pre-wrap").set("margin", "0");
    source.setVisible(false);
    EventFieldTable fields = new EventFieldTable(event,
        (field, value) -> addFilter(QueryClauses.include(field, value)),
        (field, value) -> addFilter(QueryClauses.exclude(field, value)));
    Button asJson = new Button("JSON", e -> {
      source.setVisible(!source.isVisible());
      fields.setVisible(!source.isVisible());
      e.getSource().setText(source.isVisible() ? "Table" : "JSON");
    });
    asJson.addClassName("toggle-json");
    Button context = new Button("Surrounding lines", e -> openContext(event));
    context.addClassName("open-context");
    HorizontalLayout actions = new HorizontalLayout(context);
    String traceId = traceId(event);
    if (traceId != null) {
      Button trace = new Button("Whole request / trace", e -> openTrace(traceId, event));
      trace.addClassName("open-trace");
      actions.add(trace);
    }
    actions.add(asJson);
    return new Div(actions, fields, source);
  }

  private void openContext(Map<String, Object> event) {
    SurroundingLines lines;
    try {
      lines = new SurroundingLines((id, before, after) ->
          contexts.context(user.caller(), id, before, after, null), (String) event.get("_id"),
          CONTEXT_PAGE);
    } catch (ProblemException e) {
      problem(e);
      return;
    }
    new ContextDialog(lines, "Same service and host: " + EventColumns.text(event, "service")
        + " · " + EventColumns.text(event, "host"), zoneSwitch::zone).open();
  }

  private void openTrace(String traceId, Map<String, Object> event) {
    TraceResponse trace;
    try {
      trace = traces.trace(user.caller(), traceId, null, null, null, null);
    } catch (ProblemException e) {
      // e.g. a request older than the trace's default 7 days
      problem(e);
      return;
    }
    new EventListDialog("trace-dialog", "Request " + traceId,
        String.join(" → ", trace.services()) + " · " + trace.durationMs() + " ms · "
            + trace.total() + " events", trace.events(), (String) event.get("_id"),
        zoneSwitch::zone).open();
  }

  private static String traceId(Map<String, Object> event) {
    for (String field : List.of("trace_id", "request_id")) {
      if (event.get(field) instanceof String id && !id.isBlank()) {
        return id;
      }
    }
    return null;
  }

  private String pretty(Map<String, Object> event) {
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(event);
    } catch (JsonProcessingException e) {
      return event.toString();
    }
  }

  @SuppressWarnings("unchecked")
  private void remember(String q) {
    if (q == null || q.isBlank()) {
      return;
    }
    VaadinSession session = VaadinSession.getCurrent();
    List<String> past = session == null ? new ArrayList<>()
        : (List<String>) session.getAttribute(HISTORY);
    if (past == null) {
      past = new ArrayList<>();
    }
    past.remove(q);
    past.addFirst(q);
    while (past.size() > 15) {
      past.removeLast();
    }
    if (session != null) {
      session.setAttribute(HISTORY, past);
    }
    history.setItems(past);
  }

  private static String first(Map<String, List<String>> params, String name, String fallback) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? fallback : values.getFirst();
  }

  private LocalDateTime localTime(String text) {
    try {
      return LocalDateTime.ofInstant(Instant.ofEpochMilli(
          io.strata.infra.time.TimeExpressions.parse(text, System.currentTimeMillis())),
          zoneSwitch.zone());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
