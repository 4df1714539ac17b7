package io.strata.parsing;

import io.strata.index.ParsedFields;
import io.strata.index.ParsingRouting.Outcome;
import io.strata.pipeline.EventFields;
import io.strata.pipeline.TimestampParser;
import java.util.List;
import java.util.regex.Matcher;

/**
 * One rule's pattern and time format, ready to run on a message: the captures become the event
 * time ({@code @timestamp}), its level, its message, or fields.
 *
 * <p>Thread-safe: the per-run state ({@link Matcher}, {@link DeadlineText}) is the caller's.
 */
public final class CompiledRule {

  private final String name;
  private final GrokPattern pattern;
  private final RuleTime time;
  private final GrokPattern.Capture[] captures;

  CompiledRule(String name, GrokPattern pattern, RuleTime time) {
    this.name = name;
    this.pattern = pattern;
    this.time = time;
    List<GrokPattern.Capture> list = pattern.captures();
    this.captures = list.toArray(new GrokPattern.Capture[0]);
  }

  public String name() {
    return name;
  }

  /** Whether this rule captures the event time. */
  boolean capturesTime() {
    for (GrokPattern.Capture capture : captures) {
      if (capture.field().equals(EventFields.TIMESTAMP)) {
        return true;
      }
    }
    return false;
  }

  /** A matcher of this rule's pattern for one thread to reuse. */
  Matcher newMatcher() {
    return pattern.regex().matcher("");
  }

  /**
   * Runs the rule on {@code message} within {@code budgetNanos}; on {@link Outcome#PARSED} the
   * captures are in {@code out}, else {@code out} is left empty.
   */
  Outcome apply(String message, long ingestedAtMillis, long budgetNanos, Matcher matcher,
      DeadlineText text, ParsedFields out) {
    matcher.reset(text.reset(message, budgetNanos));
    try {
      if (!matcher.find()) {
        return Outcome.NO_MATCH;
      }
      return extract(matcher, ingestedAtMillis, out);
    } catch (DeadlineText.Expired e) {
      return Outcome.TIMED_OUT;
    } catch (StackOverflowError e) {
      // Java's regex engine recurses per repetition of some groups; a long line can exhaust it.
      return Outcome.FAILED;
    } finally {
      // Never keep the line alive from a thread's scratch.
      text.reset("", 0);
    }
  }

  private Outcome extract(Matcher matcher, long ingestedAtMillis, ParsedFields out) {
    for (GrokPattern.Capture capture : captures) {
      String value = matcher.group(capture.group());
      if (value == null || value.isEmpty()) {
        continue;
      }
      switch (capture.field()) {
        case EventFields.TIMESTAMP -> {
          long nanos = time.read(value, ingestedAtMillis);
          if (nanos == TimestampParser.INVALID) {
            out.clear();
            return Outcome.FAILED;
          }
          out.timestamp(nanos);
        }
        case EventFields.LEVEL -> out.level(value);
        case EventFields.MESSAGE -> out.message(value);
        default -> out.field(capture.field(), value, capture.type() == GrokPattern.Type.NUMBER);
      }
    }
    return Outcome.PARSED;
  }
}
