package io.strata.parsing;

import io.strata.infra.http.ProblemException;
import io.strata.pipeline.EventFields;
import io.strata.search.QueryException;
import java.util.Set;

/**
 * What a parsing rule may hold. Bad bodies are 400 problems naming the body member in {@code
 * field}, as the other JSON bodies of the API do.
 */
public final class ParsingRuleChecks {

  static final int MAX_NAME = 200;
  static final int MAX_SELECTOR = 4096;
  static final int MAX_PRIORITY = 1_000_000;

  /** Fields a rule may not capture: the index or the event view gives them another meaning. */
  private static final Set<String> NOT_CAPTURABLE = Set.of(EventFields.INGESTED_AT,
      EventFields.LEVEL_ORIGINAL, EventFields.TIMESTAMP_ORIGINAL, EventFields.ID, "event.original",
      "tenant");

  /** A rule that passed the checks, with its pattern compiled. */
  public record Valid(String name, String selector, String pattern, String timeFormat, int priority,
      boolean enabled, CompiledRule compiled) {}

  private ParsingRuleChecks() {}

  /** Checks everything but the selector's syntax, which {@link #checkSelector} parses. */
  static Valid check(ParsingRuleRequest request, RuleCompiler compiler, boolean needName) {
    if (request == null) {
      throw invalid("pattern", "Send {\"name\":..., \"selector\":..., \"pattern\":...,"
          + " \"time_format\"?, \"priority\"?, \"enabled\"?}.");
    }
    String name = request.name() == null ? "" : request.name().trim();
    if (needName && name.isEmpty()) {
      throw invalid("name", "A parsing rule needs a non-empty 'name'.");
    }
    text("name", name, MAX_NAME);
    String selector = request.selector() == null ? "" : request.selector().trim();
    text("selector", selector, MAX_SELECTOR);
    if (request.pattern() == null || request.pattern().isBlank()) {
      throw invalid("pattern", "A parsing rule needs a 'pattern', such as"
          + " \"%{TIMESTAMP:@timestamp} %{LEVEL:level} %{GREEDY:message}\".");
    }
    text("pattern", request.pattern(), GrokPattern.MAX_LENGTH);
    String timeFormat = request.timeFormat() == null || request.timeFormat().isBlank() ? null
        : request.timeFormat().trim();
    if (timeFormat != null) {
      text("time_format", timeFormat, RuleTime.MAX_FORMAT);
    }
    int priority = request.priority() == null ? 0 : request.priority();
    if (Math.abs(priority) > MAX_PRIORITY) {
      throw invalid("priority", "'priority' must be between -" + MAX_PRIORITY + " and "
          + MAX_PRIORITY + ".");
    }
    CompiledRule compiled;
    GrokPattern pattern;
    try {
      pattern = GrokPattern.compile(request.pattern());
    } catch (IllegalArgumentException e) {
      throw invalid("pattern", e.getMessage());
    }
    for (GrokPattern.Capture capture : pattern.captures()) {
      String field = capture.field();
      if (NOT_CAPTURABLE.contains(field) || field.startsWith("_")
          || (field.startsWith("@") && !field.equals(EventFields.TIMESTAMP))) {
        throw invalid("pattern", "The pattern captures '" + field + "', a field the platform"
            + " sets itself; choose another name.");
      }
    }
    try {
      compiled = compiler.rule(name, request.pattern(), timeFormat);
    } catch (IllegalArgumentException e) {
      throw invalid("time_format", e.getMessage());
    }
    return new Valid(name, selector, request.pattern(), timeFormat, priority,
        request.enabled() == null || request.enabled(), compiled);
  }

  /** Parses and compiles the selector: a 400 naming {@code selector} when it cannot be used. */
  static void checkSelector(String selector, RuleCompiler compiler) {
    try {
      compiler.selector(selector);
    } catch (QueryException e) {
      throw e.inField("selector");
    } catch (IllegalArgumentException e) {
      throw invalid("selector", e.getMessage());
    }
  }

  /** Lengths in characters as PostgreSQL counts them (code points); NUL is refused by PostgreSQL. */
  private static void text(String field, String value, int max) {
    if (value.codePointCount(0, value.length()) > max) {
      throw invalid(field, "'" + field + "' is longer than " + max + " characters.");
    }
    if (value.indexOf('\0') >= 0) {
      throw invalid(field, "'" + field + "' must not contain NUL characters.");
    }
  }

  static ProblemException invalid(String field, String detail) {
    return ProblemException.badRequest("invalid-parsing-rule", detail).with("field", field);
  }
}
