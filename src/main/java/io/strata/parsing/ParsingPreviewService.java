package io.strata.parsing;

import io.strata.audit.AuditEntry;
import io.strata.audit.AuditTrail;
import io.strata.audit.Audited;
import io.strata.index.ParsedFields;
import io.strata.index.ParsingRouting.Outcome;
import io.strata.pipeline.EventFields;
import io.strata.pipeline.Level;
import io.strata.pipeline.TimestampParser;
import io.strata.search.EventFilter;
import io.strata.search.EventFilters;
import io.strata.search.QueryException;
import io.strata.search.SearchService;
import io.strata.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a rule, not saved, over sample lines or over the tenant's latest events its selector picks,
 * and tells what it would extract from each: how an admin gets a pattern right before it touches
 * the index. Blocking (a search and CPU work): call on a worker thread.
 */
@ApplicationScoped
public class ParsingPreviewService {

  /** The most lines or events one preview runs over. */
  static final int MAX_LINES = 1000;
  /** Events previewed when the body sends neither {@code lines} nor {@code last}. */
  static final int DEFAULT_LAST = 20;
  /** The longest sample line, in characters. */
  static final int MAX_LINE = 65_536;
  /** How far back the latest events are looked for. */
  private static final String LOOK_BACK = "now-7d";

  private final RuleCompiler compiler;
  private final EventFilters filters;
  private final SearchService search;
  private final AuditTrail audit;
  private final ParsingConfig config;

  ParsingPreviewService(RuleCompiler compiler, EventFilters filters, SearchService search,
      AuditTrail audit, ParsingConfig config) {
    this.compiler = compiler;
    this.filters = filters;
    this.search = search;
    this.audit = audit;
    this.config = config;
  }

  /** The preview of {@code body}: 400 naming the field for a bad rule, lines or count. */
  @Audited("parsing_rule.preview")
  public RulePreview preview(Caller caller, ParsingRuleRequest body) {
    ParsingRuleChecks.Valid valid = ParsingRuleChecks.check(body, compiler, false);
    boolean fromEvents = body.lines() == null;
    AuditEntry entry = AuditEntry.success(caller, "parsing_rule.preview", null,
        AuditEntry.params("q", fromEvents ? valid.selector() : null,
            "from", fromEvents ? LOOK_BACK : null, "to", fromEvents ? "now" : null,
            "pattern", valid.pattern()));
    return audit.auditedNow(entry, () -> fromEvents
        ? run(valid, "events", latestLines(caller.requireTenant(), valid.selector(), body.last()))
        : run(valid, "lines", sentLines(body.lines())));
  }

  private static List<String> sentLines(List<String> lines) {
    if (lines.size() > MAX_LINES) {
      throw ParsingRuleChecks.invalid("lines", "At most " + MAX_LINES + " 'lines', was "
          + lines.size() + ".");
    }
    for (String line : lines) {
      if (line == null) {
        throw ParsingRuleChecks.invalid("lines", "Every entry of 'lines' must be a string.");
      }
      if (line.length() > MAX_LINE) {
        throw ParsingRuleChecks.invalid("lines", "A line is longer than " + MAX_LINE
            + " characters.");
      }
    }
    return lines;
  }

  /** The messages of the tenant's latest events the selector picks, newest first. */
  private List<String> latestLines(String tenant, String selector, Integer last) {
    int n = last == null ? DEFAULT_LAST : last;
    if (n < 1 || n > MAX_LINES) {
      throw ParsingRuleChecks.invalid("last", "'last' must be between 1 and " + MAX_LINES + ".");
    }
    EventFilter filter;
    try {
      filter = filters.parse(selector, LOOK_BACK, "now");
    } catch (QueryException e) {
      throw e.inField("selector");
    }
    List<String> lines = new ArrayList<>(n);
    for (Map<String, Object> event : search.page(tenant, filter, n, null, false).events()) {
      // A rule runs on the line as sent, not on what another rule already made of it.
      Object line = event.getOrDefault("event.original", event.get(EventFields.MESSAGE));
      if (line instanceof String text) {
        lines.add(text);
      }
    }
    return lines;
  }

  private RulePreview run(ParsingRuleChecks.Valid valid, String source, List<String> lines) {
    CompiledRule rule = valid.compiled();
    var matcher = rule.newMatcher();
    DeadlineText text = new DeadlineText();
    ParsedFields parsed = new ParsedFields();
    long now = System.currentTimeMillis();
    long budget = config.ruleTimeout().toNanos();
    List<RulePreview.Line> results = new ArrayList<>(lines.size());
    int matched = 0;
    for (String line : lines) {
      parsed.clear();
      Outcome outcome = rule.apply(line, now, budget, matcher, text, parsed);
      Map<String, Object> fields = null;
      if (outcome == Outcome.PARSED) {
        matched++;
        fields = new LinkedHashMap<>();
        parsed.read(new FieldMap(fields));
      }
      results.add(new RulePreview.Line(line, outcome.name().toLowerCase(Locale.ROOT), fields));
    }
    return new RulePreview(source, lines.size(), matched, results);
  }

  /** The captured fields as the event would show them. */
  private record FieldMap(Map<String, Object> fields) implements ParsedFields.Reader {
    @Override
    public void timestamp(long nanos, long originalNanos) {
      fields.put(EventFields.TIMESTAMP, TimestampParser.format(nanos));
    }

    @Override
    public void level(Level level, String original) {
      if (level != null) {
        fields.put(EventFields.LEVEL, level.name());
      }
      if (original != null) {
        fields.put(EventFields.LEVEL_ORIGINAL, original);
      }
    }

    @Override
    public void message(String message) {
      fields.put(EventFields.MESSAGE, message);
    }

    @Override
    public void keyword(String field, String value) {
      put(field, value);
    }

    @Override
    public void number(String field, double value, String text) {
      put(field, value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value
          : (Object) value);
    }

    @SuppressWarnings("unchecked")
    private void put(String field, Object value) {
      Object existing = fields.putIfAbsent(field, value);
      if (existing instanceof List<?> list) {
        ((List<Object>) list).add(value);
      } else if (existing != null) {
        fields.put(field, new ArrayList<>(List.of(existing, value)));
      }
    }
  }
}
