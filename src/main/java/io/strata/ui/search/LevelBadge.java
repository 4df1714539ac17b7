package io.strata.ui.search;

import com.vaadin.flow.component.html.Span;
import java.util.Locale;

/**
 * An event's level as the console shows it everywhere: the whole word on its level's colour, the
 * colour the histogram uses for that level.
 */
public final class LevelBadge {

  private LevelBadge() {}

  /** The badge of {@code level}; an empty span for an event without one. */
  public static Span of(String level) {
    Span badge = new Span(level == null ? "" : level);
    if (level != null && !level.isEmpty()) {
      badge.addClassNames("level", "level-" + level.toLowerCase(Locale.ROOT));
      badge.getStyle().set("color", "white").set("background", color(level))
          .set("border-radius", "var(--lumo-border-radius-s)").set("padding", "0 0.4em")
          .set("font-size", "var(--lumo-font-size-xs)");
    }
    return badge;
  }

  /** The colour of {@code level}, as a CSS value. */
  static String color(String level) {
    return switch (level) {
      case "FATAL", "ERROR" -> "var(--lumo-error-color)";
      case "WARN" -> "#e8a317";
      case "DEBUG", "TRACE" -> "var(--lumo-contrast-30pct)";
      default -> "var(--lumo-primary-color)";
    };
  }
}
