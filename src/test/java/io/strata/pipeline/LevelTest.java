package io.strata.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LevelTest {

  @ParameterizedTest
  @CsvSource({
    "trace, TRACE", "TRC, TRACE", "t, TRACE", "finest, TRACE", "Finer, TRACE", "verbose, TRACE",
    "V, TRACE",
    "debug, DEBUG", "DBG, DEBUG", "d, DEBUG", "FINE, DEBUG", "config, DEBUG",
    "info, INFO", "Information, INFO", "informational, INFO", "I, INFO", "notice, INFO", "n, INFO",
    "warn, WARN", "WARNING, WARN", "w, WARN",
    "error, ERROR", "ERR, ERROR", "e, ERROR", "Severe, ERROR",
    "fatal, FATAL", "F, FATAL", "critical, FATAL", "CRIT, FATAL", "c, FATAL", "alert, FATAL",
    "a, FATAL", "emerg, FATAL", "EMERGENCY, FATAL", "panic, FATAL"
  })
  void mapsNamesAndAliasesIgnoringCase(String text, Level expected) {
    assertThat(Level.fromText(text)).isEqualTo(expected);
  }

  @Test
  void trimsSurroundingWhitespace() {
    assertThat(Level.fromText("  Warning\t")).isEqualTo(Level.WARN);
    assertThat(Level.fromText("\n e \r")).isEqualTo(Level.ERROR);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "   ", "s", "x", "warnings", "inf", "informations", "debugger", "errors", "fatality", "8",
    "99", "-1", "3x", "12345678901234567890", "in fo", "ınfo"
  })
  void returnsNullForUnknownText(String text) {
    assertThat(Level.fromText(text)).isNull();
  }

  @Test
  void returnsNullForNullText() {
    assertThat(Level.fromText(null)).isNull();
    assertThat(Level.findInPlainText(null)).isNull();
  }

  @Test
  void delegatesNumericTextToFromNumber() {
    assertThat(Level.fromText("3")).isEqualTo(Level.ERROR);
    assertThat(Level.fromText(" 30 ")).isEqualTo(Level.INFO);
    assertThat(Level.fromText("60")).isEqualTo(Level.FATAL);
  }

  @ParameterizedTest
  @CsvSource({
    "0, FATAL", "1, FATAL", "2, FATAL", "3, ERROR", "4, WARN", "5, INFO", "6, INFO", "7, DEBUG"
  })
  void mapsSyslogSeverities(long severity, Level expected) {
    assertThat(Level.fromNumber(severity)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "10, TRACE", "19, TRACE", "20, DEBUG", "29, DEBUG", "30, INFO", "35, INFO", "40, WARN",
    "50, ERROR", "59, ERROR", "60, FATAL", "69, FATAL"
  })
  void mapsPinoAndBunyanLevelsByTens(long level, Level expected) {
    assertThat(Level.fromNumber(level)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, 8, 9, 70, 100, Long.MAX_VALUE, Long.MIN_VALUE})
  void returnsNullForNumbersOutsideKnownScales(long n) {
    assertThat(Level.fromNumber(n)).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "1, TRACE", "4, TRACE", "5, DEBUG", "8, DEBUG", "9, INFO", "12, INFO", "13, WARN", "16, WARN",
    "17, ERROR", "20, ERROR", "21, FATAL", "24, FATAL"
  })
  void mapsOtelSeverityNumberRanges(long severityNumber, Level expected) {
    assertThat(Level.fromOtelSeverityNumber(severityNumber)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 25, -1, Long.MIN_VALUE, Long.MAX_VALUE})
  void returnsNullForOtelSeverityNumbersOutOfRange(long severityNumber) {
    assertThat(Level.fromOtelSeverityNumber(severityNumber)).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "2024-01-02 03:04:05 TRACE main - x | TRACE",
    "[DEBUG] cache miss | DEBUG",
    "level=INFO msg=started | INFO",
    "2024-01-02 NOTICE: rotated | INFO",
    "WARN disk 91% | WARN",
    "WARNING: disk 91% | WARN",
    "12:00:01 ERROR boom | ERROR",
    "E ERR something | ERROR",
    "SEVERE: java.lang.OutOfMemoryError | ERROR",
    "<FATAL> shutting down | FATAL",
    "CRITICAL | FATAL",
    "thread-1_ERROR_x | ERROR",
    "ERROR1 | ERROR"
  })
  void findsWholeWordUppercaseTokens(String line, Level expected) {
    assertThat(Level.findInPlainText(line)).isEqualTo(expected);
  }

  @Test
  void returnsTheFirstTokenFound() {
    assertThat(Level.findInPlainText("INFO retrying after ERROR")).isEqualTo(Level.INFO);
    assertThat(Level.findInPlainText("ERRORS then WARN")).isEqualTo(Level.WARN);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "info: lowercase is not matched", "Error: mixed case", "INFORMATION", "ERRORS", "XERROR",
    "WARNINGS", "éERROR", "ERRORé", "nothing to see here", ""
  })
  void ignoresLowercaseAndEmbeddedTokens(String line) {
    assertThat(Level.findInPlainText(line)).isNull();
  }

  @Test
  void scansOnlyTheFirst200Characters() {
    assertThat(Level.findInPlainText(" ".repeat(195) + "ERROR")).isEqualTo(Level.ERROR);
    assertThat(Level.findInPlainText(" ".repeat(195) + "ERROR tail")).isEqualTo(Level.ERROR);
    assertThat(Level.findInPlainText(" ".repeat(196) + "ERROR")).isNull();
    assertThat(Level.findInPlainText(" ".repeat(200) + "ERROR")).isNull();
    assertThat(Level.findInPlainText(" ".repeat(195) + "ERRORX")).isNull();
  }
}
