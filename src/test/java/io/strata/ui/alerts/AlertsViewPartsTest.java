package io.strata.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.textfield.TextField;
import io.strata.infra.http.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Alerts view's pure parts as plain objects: texts, the worst state, sparkline hours, errors. */
class AlertsViewPartsTest {

  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  @Test
  void pairsAreReadAndWrittenInTheSameNotation() {
    Map<String, String> read = AlertTexts.parsePairs(" service=checkout, host = web-1,, ", "x");
    assertThat(read).containsExactly(Map.entry("service", "checkout"), Map.entry("host", "web-1"));
    assertThat(AlertTexts.pairs(read)).isEqualTo("service=checkout, host=web-1");
    assertThat(AlertTexts.pairs(Map.of())).isEqualTo("(all)");
    assertThat(AlertTexts.parsePairs("  ", "x")).isEmpty();
    assertThat(AlertTexts.list(" a@b.example, ,c@d.example ")).containsExactly("a@b.example",
        "c@d.example");
  }

  @Test
  void aPairWithoutANameIsAProblemNamingTheField() {
    assertThatThrownBy(() -> AlertTexts.parsePairs("service=a, checkout", "matchers"))
        .isInstanceOfSatisfying(ProblemException.class, p -> {
          assertThat(p.status()).isEqualTo(400);
          assertThat(p.extensions()).containsEntry("field", "matchers");
          assertThat(p.getMessage()).contains("'checkout'");
        });
    assertThatThrownBy(() -> AlertTexts.parsePairs("=a", "labels"))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void aRuleShowsTheMostUrgentStateOfItsAlerts() {
    assertThat(AlertStates.worst(List.of())).isEqualTo("ok");
    assertThat(AlertStates.worst(List.of("acknowledged", "pending"))).isEqualTo("pending");
    assertThat(AlertStates.worst(List.of("pending", "firing", "error"))).isEqualTo("firing");
    assertThat(AlertStates.worst(List.of("silenced", "acknowledged"))).isEqualTo("silenced");
  }

  @Test
  void theSparklineCountsFiringsPerHourOfTheLastDayOldestFirst() {
    int[] hours = Sparkline.hourly(List.of(NOW.minusSeconds(1), NOW.minusSeconds(59 * 60),
        NOW, NOW.minus(Duration.ofHours(24)), NOW.minus(Duration.ofHours(23)).minusSeconds(1),
        NOW.minus(Duration.ofHours(25)), NOW.plusSeconds(1)), NOW);
    assertThat(hours).hasSize(24);
    assertThat(hours[23]).isEqualTo(3);
    assertThat(hours[0]).isEqualTo(2);
    assertThat(java.util.stream.IntStream.of(hours).sum()).isEqualTo(5);
    Sparkline line = new Sparkline(hours);
    assertThat(line.getElement().getAttribute("data-counts")).startsWith("2,0,").endsWith(",3");
    assertThat(line.getChildren().count()).isEqualTo(24);
  }

  @Test
  void aProblemIsShownNextToTheFieldItNamesOrItsEnclosingMember() {
    TextField window = new TextField();
    TextField op = new TextField();
    Problems problems = new Problems().on("window", window).on("condition", op);
    assertThat(problems.mark(ProblemException.badRequest("invalid-alert-rule", "bad window")
        .with("field", "window"))).isTrue();
    assertThat(window.isInvalid()).isTrue();
    assertThat(window.getErrorMessage()).isEqualTo("bad window");
    assertThat(problems.mark(ProblemException.badRequest("invalid-alert-rule", "bad op")
        .with("field", "condition.op"))).isTrue();
    assertThat(op.isInvalid()).isTrue();
    assertThat(window.isInvalid()).as("cleared").isFalse();
    assertThat(problems.mark(ProblemException.conflict("taken"))).isFalse();
    assertThat(op.isInvalid()).isFalse();
  }
}
