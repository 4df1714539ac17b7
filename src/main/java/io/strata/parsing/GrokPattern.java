package io.strata.parsing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A parsing rule's pattern compiled to one Java regular expression: {@code %{NAME}} matches a
 * {@link GrokLibrary} pattern, {@code %{NAME:field}} also captures it into {@code field}, and
 * {@code %{NAME:field:type}} says whether the capture is a {@code number} or a {@code string};
 * everything else is regular-expression syntax, where a named group {@code (?<name>...)} captures
 * into {@code name} too.
 *
 * <p>Immutable and thread-safe; the {@link Pattern} makes a new matcher per use.
 */
public final class GrokPattern {

  /** The longest pattern a rule may have, in characters. */
  public static final int MAX_LENGTH = 4096;
  /** The most fields one pattern may capture. */
  public static final int MAX_CAPTURES = 64;

  private static final int MAX_DEPTH = 12;
  private static final Pattern FIELD = Pattern.compile("[A-Za-z_@][A-Za-z0-9_.@-]{0,127}");
  private static final String GROUP_PREFIX = "strataCapture";

  /** How a capture is indexed. */
  public enum Type {
    /** An exact-match keyword. */
    TEXT,
    /** A number, when the text reads as one (else a keyword). */
    NUMBER
  }

  /** One captured field: its name, the regex group holding it, its type. */
  public record Capture(String field, int group, Type type) {}

  private final String source;
  private final Pattern regex;
  private final List<Capture> captures;

  private GrokPattern(String source, Pattern regex, List<Capture> captures) {
    this.source = source;
    this.regex = regex;
    this.captures = captures;
  }

  /**
   * Compiles {@code pattern}; throws {@link IllegalArgumentException} saying what is wrong and
   * where: an unknown or unterminated {@code %{...}}, a bad field name or type, bad regex syntax.
   */
  public static GrokPattern compile(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      throw new IllegalArgumentException("The pattern is empty.");
    }
    if (pattern.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("The pattern is longer than " + MAX_LENGTH
          + " characters.");
    }
    List<PendingCapture> pending = new ArrayList<>();
    String expanded = expand(pattern, 0, pending, true);
    Pattern regex;
    try {
      regex = Pattern.compile(expanded);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("The pattern is not a valid regular expression: "
          + e.getDescription() + (pattern.equals(expanded) && e.getIndex() >= 0
              ? " at offset " + e.getIndex() : "") + ".");
    }
    Map<String, Integer> groups = regex.namedGroups();
    List<Capture> captures = new ArrayList<>();
    for (PendingCapture capture : pending) {
      captures.add(new Capture(capture.field, groups.get(capture.group), capture.type));
    }
    groups.forEach((name, group) -> {
      if (!name.startsWith(GROUP_PREFIX)) {
        captures.add(new Capture(name, group, Type.TEXT));
      }
    });
    if (captures.size() > MAX_CAPTURES) {
      throw new IllegalArgumentException("The pattern captures " + captures.size()
          + " fields; at most " + MAX_CAPTURES + ".");
    }
    captures.sort((a, b) -> Integer.compare(a.group(), b.group()));
    return new GrokPattern(pattern, regex, List.copyOf(captures));
  }

  /** The pattern as the rule wrote it. */
  public String source() {
    return source;
  }

  /** The expanded regular expression. */
  public Pattern regex() {
    return regex;
  }

  /** The captures, in the order their groups open. */
  public List<Capture> captures() {
    return captures;
  }

  private record PendingCapture(String field, String group, Type type) {}

  /**
   * Replaces every {@code %{...}} of {@code text} by its definition; at the top level a reference
   * with a field becomes a named group, and in a definition every reference is a plain group.
   */
  private static String expand(String text, int depth, List<PendingCapture> captures,
      boolean topLevel) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("The pattern's references nest deeper than " + MAX_DEPTH
          + " levels.");
    }
    StringBuilder out = new StringBuilder(text.length() * 2);
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        out.append(c).append(text.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c != '%' || i + 1 >= text.length() || text.charAt(i + 1) != '{') {
        out.append(c);
        i++;
        continue;
      }
      int end = text.indexOf('}', i + 2);
      if (end < 0) {
        throw new IllegalArgumentException("'%{' at offset " + i + " is never closed by '}'.");
      }
      String[] parts = text.substring(i + 2, end).split(":", -1);
      if (parts.length > 3) {
        throw new IllegalArgumentException("'" + text.substring(i, end + 1) + "' at offset " + i
            + " has more than NAME:field:type.");
      }
      String name = parts[0].trim();
      String definition = GrokLibrary.definition(name);
      if (definition == null) {
        throw new IllegalArgumentException("Unknown pattern '%{" + name + "}' at offset " + i
            + "; the library's names are listed by GET /api/v1/parsing-rules/patterns.");
      }
      String body = expand(definition, depth + 1, captures, false);
      if (parts.length >= 2 && topLevel) {
        String field = parts[1].trim();
        if (!FIELD.matcher(field).matches()) {
          throw new IllegalArgumentException("'" + field + "' at offset " + i + " is not a field"
              + " name (letters, digits, '_', '.', '-', '@'; at most 128 characters).");
        }
        Type type = type(parts.length == 3 ? parts[2].trim() : null, name, i);
        String group = GROUP_PREFIX + captures.size();
        captures.add(new PendingCapture(field, group, type));
        out.append("(?<").append(group).append('>').append(body).append(')');
      } else {
        out.append("(?:").append(body).append(')');
      }
      i = end + 1;
    }
    return out.toString();
  }

  private static Type type(String requested, String patternName, int offset) {
    if (requested == null || requested.isEmpty()) {
      return GrokLibrary.NUMERIC.contains(patternName) ? Type.NUMBER : Type.TEXT;
    }
    return switch (requested) {
      case "int", "long", "float", "double", "number" -> Type.NUMBER;
      case "string", "keyword" -> Type.TEXT;
      default -> throw new IllegalArgumentException("Unknown type '" + requested + "' at offset "
          + offset + "; use number or string.");
    };
  }
}
