package io.strata.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryCompletionTest {

  private static final List<String> NAMES = List.of("host", "http.status", "level", "levelname");

  @Test
  void aWordBeingTypedCompletesToFieldNames() {
    String text = "timeout AND lev";
    QueryCompletion.Token token = QueryCompletion.at(text, text.length());
    assertThat(QueryCompletion.fieldNames(text, token, NAMES, 10)).containsExactly(
        new QueryCompletion.Suggestion("level", "timeout AND level:", 18),
        new QueryCompletion.Suggestion("levelname", "timeout AND levelname:", 22));
  }

  @Test
  void namesMatchWhateverTheLetterCaseAndAreCappedAtMax() {
    String text = "(H";
    QueryCompletion.Token token = QueryCompletion.at(text, 2);
    assertThat(QueryCompletion.fieldNames(text, token, NAMES, 1))
        .extracting(QueryCompletion.Suggestion::text).containsExactly("(host:");
  }

  @Test
  void aNegatedWordKeepsItsOperator() {
    String text = "-ho";
    assertThat(QueryCompletion.fieldNames(text, QueryCompletion.at(text, 3), NAMES, 10))
        .extracting(QueryCompletion.Suggestion::text).containsExactly("-host:");
  }

  @Test
  void aWordInTheMiddleIsCompletedAtTheCaretAndKeepsWhatFollows() {
    String text = "le AND host:web-1";
    QueryCompletion.Token token = QueryCompletion.at(text, 2);
    assertThat(QueryCompletion.fieldNames(text, token, NAMES, 1)).containsExactly(
        new QueryCompletion.Suggestion("level", "level: AND host:web-1", 6));
  }

  @Test
  void aNameTypedBeforeAValueReplacesOnlyTheName() {
    String text = "lev:ERROR";
    QueryCompletion.Token token = QueryCompletion.at(text, 2);
    assertThat(QueryCompletion.fieldNames(text, token, NAMES, 1))
        .extracting(QueryCompletion.Suggestion::text).containsExactly("level:ERROR");
  }

  @Test
  void afterAFieldAndColonItsValuesAreSuggested() {
    String text = "checkout AND level:";
    QueryCompletion.Token token = QueryCompletion.at(text, text.length());
    assertThat(token.field()).isEqualTo("level");
    assertThat(QueryCompletion.values(text, token, List.of("INFO", "ERROR", "WARN"), 10))
        .extracting(QueryCompletion.Suggestion::text)
        .containsExactly("checkout AND level:INFO", "checkout AND level:ERROR",
            "checkout AND level:WARN");
  }

  @Test
  void valuesAreFilteredByTheTypedStartAndTheWholeValueIsNotOfferedAgain() {
    String text = "level:e";
    QueryCompletion.Token token = QueryCompletion.at(text, text.length());
    assertThat(QueryCompletion.values(text, token, List.of("INFO", "ERROR", "WARN"), 10))
        .extracting(QueryCompletion.Suggestion::label).containsExactly("ERROR");
    String typed = "level:ERROR";
    assertThat(QueryCompletion.values(typed, QueryCompletion.at(typed, typed.length()),
        List.of("ERROR", "ERRORS"), 10)).extracting(QueryCompletion.Suggestion::label)
        .containsExactly("ERRORS");
  }

  @Test
  void valuesThatAreNotOneWordAreQuoted() {
    String text = "service:\"co";
    QueryCompletion.Token token = QueryCompletion.at(text, text.length());
    assertThat(token.prefix()).isEqualTo("co");
    assertThat(QueryCompletion.values(text, token, List.of("co-1", "co \"x\""), 10))
        .extracting(QueryCompletion.Suggestion::text)
        .containsExactly("service:\"co-1\"", "service:\"co \\\"x\\\"\"");
    assertThat(QueryCompletion.quoted("web_1.eu@x")).isEqualTo("web_1.eu@x");
  }

  @Test
  void aQuotedValueIsReplacedUpToItsClosingQuote() {
    String text = "service:\"co\" AND x";
    QueryCompletion.Token token = QueryCompletion.at(text, 11);
    assertThat(QueryCompletion.values(text, token, List.of("co-1"), 10))
        .extracting(QueryCompletion.Suggestion::text)
        .containsExactly("service:\"co-1\" AND x");
  }

  @Test
  void nothingIsCompletedInAPhraseARangeOrBetweenWords() {
    assertThat(QueryCompletion.at("\"connection ref", 15)).isNull();
    assertThat(QueryCompletion.at("http.status:[500 TO", 16)).isNull();
    assertThat(QueryCompletion.at("http.status:>=5", 15)).isNull();
    assertThat(QueryCompletion.at("level:ERROR ", 12)).isNull();
    assertThat(QueryCompletion.at("", 0)).isNull();
    assertThat(QueryCompletion.at("abc", 7)).isNull();
  }
}
