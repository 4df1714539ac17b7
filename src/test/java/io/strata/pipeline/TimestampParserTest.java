package io.strata.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampParserTest {

  private static final long INVALID = Long.MIN_VALUE;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  @Test
  void parsesRfc3339WithZuluZone() {
    long expected = utc(2024, 1, 2, 3, 4, 5, 0);

    assertThat(TimestampParser.parseText("2024-01-02T03:04:05Z")).isEqualTo(expected);
    assertThat(TimestampParser.parseText("2024-01-02t03:04:05z")).isEqualTo(expected);
  }

  @Test
  void parsesRfc3339WithNanoseconds() {
    assertThat(TimestampParser.parseText("2024-01-02T03:04:05.123456789Z"))
        .isEqualTo(utc(2024, 1, 2, 3, 4, 5, 123_456_789));
  }

  @ParameterizedTest
  @CsvSource({
    ".1, 100000000",
    ".12, 120000000",
    ".123, 123000000",
    ".1234, 123400000",
    ".12345, 123450000",
    ".123456, 123456000",
    ".1234567, 123456700",
    ".12345678, 123456780",
    ".123456789, 123456789",
    ".000000001, 1",
    "',5', 500000000"
  })
  void parsesFractionsOfOneToNineDigits(String fraction, int nanos) {
    assertThat(TimestampParser.parseText("2024-01-02T03:04:05" + fraction + "Z"))
        .isEqualTo(utc(2024, 1, 2, 3, 4, 5, nanos));
  }

  @Test
  void parsesSpaceSeparatorAndCommaFractionWithoutZoneAsUtc() {
    assertThat(TimestampParser.parseText("2024-01-02 03:04:05,123"))
        .isEqualTo(utc(2024, 1, 2, 3, 4, 5, 123_000_000));
  }

  @Test
  void treatsMissingZoneAsUtc() {
    assertThat(TimestampParser.parseText("2024-01-02T03:04:05"))
        .isEqualTo(utc(2024, 1, 2, 3, 4, 5, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+01:00", "+0100", "+01", "-07:00", "-0700", "-07", "+05:30", "-00:00"})
  void appliesNumericZoneOffsets(String zone) {
    long expected = nanos(
        OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 6_000_000, ZoneOffset.of(zone)).toInstant());

    assertThat(TimestampParser.parseText("2024-01-02T03:04:05.006" + zone)).isEqualTo(expected);
  }

  @Test
  void parsesApacheCommonLogTime() {
    long expected = nanos(
        OffsetDateTime.of(2000, 10, 10, 13, 55, 36, 0, ZoneOffset.ofHours(-7)).toInstant());

    assertThat(TimestampParser.parseText("10/Oct/2000:13:55:36 -0700")).isEqualTo(expected);
  }

  @Test
  void parsesCommonLogTimeWithSingleDigitDayAndAnyMonthCase() {
    assertThat(TimestampParser.parseText("1/JAN/2024:00:00:00 +0000"))
        .isEqualTo(utc(2024, 1, 1, 0, 0, 0, 0));
    assertThat(TimestampParser.parseText("09/dec/2024:23:59:59 +0130"))
        .isEqualTo(utc(2024, 12, 9, 22, 29, 59, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "Tue, 3 Jun 2008 11:05:30 GMT",
    "Tue, 03 Jun 2008 11:05:30 GMT",
    "Tue, 3 Jun 2008 11:05:30 +0000",
    "Tue, 3 Jun 2008 13:05:30 +0200",
    "Tue, 3 Jun 2008 04:05:30 -0700",
    "3 Jun 2008 11:05:30 GMT"
  })
  void parsesRfc1123(String text) {
    long expected = utc(2008, 6, 3, 11, 5, 30, 0);

    assertThat(TimestampParser.parseText(text)).isEqualTo(expected);
  }

  @Test
  void parsesRfc1123LikeJavaTime() {
    String text = "Sun, 29 Feb 2032 17:45:09 -0330";
    long expected =
        nanos(ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());

    assertThat(TimestampParser.parseText(text)).isEqualTo(expected);
  }

  @Test
  void parsesNumericStringsByMagnitude() {
    assertThat(TimestampParser.parseText("1700000000")).isEqualTo(1_700_000_000_000_000_000L);
    assertThat(TimestampParser.parseText("1700000000.123")).isEqualTo(1_700_000_000_123_000_000L);
    assertThat(TimestampParser.parseText("1700000000123")).isEqualTo(1_700_000_000_123_000_000L);
    assertThat(TimestampParser.parseText("1700000000123.4")).isEqualTo(1_700_000_000_123_400_000L);
    assertThat(TimestampParser.parseText("1700000000123456")).isEqualTo(1_700_000_000_123_456_000L);
    assertThat(TimestampParser.parseText("1700000000123456789"))
        .isEqualTo(1_700_000_000_123_456_789L);
    assertThat(TimestampParser.parseText("-1.5")).isEqualTo(-1_500_000_000L);
    assertThat(TimestampParser.parseText("0")).isZero();
  }

  @Test
  void toleratesSurroundingWhitespace() {
    assertThat(TimestampParser.parseText(" \t2024-01-02T03:04:05Z\r\n"))
        .isEqualTo(utc(2024, 1, 2, 3, 4, 5, 0));
    assertThat(TimestampParser.parseText("  1700000000 ")).isEqualTo(1_700_000_000_000_000_000L);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "   ", "hello", "2024-01-02", "2024-01-02T03:04", "2024-01-02T03:04:05X",
    "2024-01-02T03:04:05.", "2024-01-02T03:04:05.1234567890Z", "2024/01/02 03:04:05",
    "2024-01-02T03:04:05+1", "2024-01-02T03:04:05+01:0", "2024-01-02T03:04:05Z extra",
    "2024-01-02X03:04:05Z", "+2024-01-02T03:04:05Z", "1700000000.", ".5", "17e9", "12abc", "--5",
    "- 5", "10/Foo/2000:13:55:36 -0700", "10/Oct/2000:13:55:36-0700", "10/Oct/2000 13:55:36",
    "Tue, 3 Jun 2008 11:05:30 XYZ", "Xyz, 3 Jun 2008 11:05:30 GMT", "Tue 3 Jun 2008 11:05:30 GMT",
    "Tue, 3 Jun 2008 11:05:30", "Tue, 3 June 2008 11:05:30 GMT", "99999999999999999999"
  })
  void rejectsGarbage(String text) {
    assertThat(TimestampParser.parseText(text)).isEqualTo(INVALID);
  }

  @Test
  void rejectsNull() {
    assertThat(TimestampParser.parseText(null)).isEqualTo(INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "2024-13-02T03:04:05Z", "2024-00-02T03:04:05Z", "2024-01-32T03:04:05Z", "2024-04-31T03:04:05Z",
    "2023-02-29T03:04:05Z", "1900-02-29T03:04:05Z", "2024-01-00T03:04:05Z", "2024-01-02T24:00:00Z",
    "2024-01-02T25:04:05Z", "2024-01-02T03:60:05Z", "2024-01-02T03:04:60Z",
    "2024-01-02T03:04:05+19:00", "2024-01-02T03:04:05+01:60", "32/Oct/2000:13:55:36 -0700",
    "10/Oct/2000:24:55:36 -0700", "Tue, 31 Jun 2008 11:05:30 GMT", "Tue, 3 Jun 2008 11:65:30 GMT"
  })
  void rejectsOutOfRangeFields(String text) {
    assertThat(TimestampParser.parseText(text)).isEqualTo(INVALID);
  }

  @Test
  void acceptsLeapDaysOfLeapYears() {
    assertThat(TimestampParser.parseText("2000-02-29T00:00:00Z"))
        .isEqualTo(utc(2000, 2, 29, 0, 0, 0, 0));
    assertThat(TimestampParser.parseText("2024-02-29T23:59:59Z"))
        .isEqualTo(utc(2024, 2, 29, 23, 59, 59, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "2263-01-01T00:00:00Z", "1677-01-01T00:00:00Z", "9999999999", "-9999999999"
  })
  void rejectsInstantsOutsideTheNanosecondRange(String text) {
    assertThat(TimestampParser.parseText(text)).isEqualTo(INVALID);
  }

  @Test
  void parsesTheExtremesOfTheNanosecondRange() {
    assertThat(TimestampParser.parseText("2262-04-11T23:47:16.854775807Z"))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(TimestampParser.parseText("1677-09-21T00:12:43.145224193Z"))
        .isEqualTo(Long.MIN_VALUE + 1);
  }

  @ParameterizedTest
  @CsvSource({
    "1700000000, 1700000000000000000",
    "-1700000000, -1700000000000000000",
    "1, 1000000000",
    "99999999, 99999999000000000",
    "100000000000, 100000000000000000",
    "1700000000123, 1700000000123000000",
    "100000000000000, 100000000000000000",
    "1700000000123456, 1700000000123456000",
    "100000000000000000, 100000000000000000",
    "1700000000123456789, 1700000000123456789",
    "9223372036854775807, 9223372036854775807"
  })
  void interpretsIntegersByMagnitude(long value, long expectedNanos) {
    assertThat(TimestampParser.parseNumber(value)).isEqualTo(expectedNanos);
  }

  @ParameterizedTest
  @ValueSource(longs = {
    99_999_999_999L, 99_999_999_999_999L, 99_999_999_999_999_999L, Long.MIN_VALUE
  })
  void rejectsIntegersWhoseNanosOverflow(long value) {
    assertThat(TimestampParser.parseNumber(value)).isEqualTo(INVALID);
  }

  @Test
  void interpretsDoublesByMagnitudeKeepingTheFraction() {
    assertThat(TimestampParser.parseNumber(1.5)).isEqualTo(1_500_000_000L);
    assertThat(TimestampParser.parseNumber(-0.25)).isEqualTo(-250_000_000L);
    assertThat(TimestampParser.parseNumber(1700000000.0)).isEqualTo(1_700_000_000_000_000_000L);
    assertThat(TimestampParser.parseNumber(1700000000.123)).isEqualTo(1_700_000_000_123_000_000L);
    assertThat(TimestampParser.parseNumber(1700000000.123456))
        .isEqualTo(1_700_000_000_123_456_000L);
    assertThat(TimestampParser.parseNumber(1700000000123.0)).isEqualTo(1_700_000_000_123_000_000L);
    assertThat(TimestampParser.parseNumber(1700000000123.5)).isEqualTo(1_700_000_000_123_500_000L);
    assertThat(TimestampParser.parseNumber(1.7e15)).isEqualTo(1_700_000_000_000_000_000L);
    assertThat(TimestampParser.parseNumber(1.7e18)).isEqualTo(1_700_000_000_000_000_000L);
  }

  @ParameterizedTest
  @ValueSource(doubles = {
    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e19, -1e19, 9.3e9
  })
  void rejectsDoublesThatAreNotRepresentable(double value) {
    assertThat(TimestampParser.parseNumber(value)).isEqualTo(INVALID);
  }

  @Test
  void formatsWithThreeSixOrNineFractionDigits() {
    assertThat(TimestampParser.format(utc(2024, 1, 2, 3, 4, 5, 0)))
        .isEqualTo("2024-01-02T03:04:05.000Z");
    assertThat(TimestampParser.format(utc(2024, 1, 2, 3, 4, 5, 123_000_000)))
        .isEqualTo("2024-01-02T03:04:05.123Z");
    assertThat(TimestampParser.format(utc(2024, 1, 2, 3, 4, 5, 123_456_000)))
        .isEqualTo("2024-01-02T03:04:05.123456Z");
    assertThat(TimestampParser.format(utc(2024, 1, 2, 3, 4, 5, 123_456_789)))
        .isEqualTo("2024-01-02T03:04:05.123456789Z");
    assertThat(TimestampParser.format(utc(2024, 1, 2, 3, 4, 5, 1_000)))
        .isEqualTo("2024-01-02T03:04:05.000001Z");
  }

  @Test
  void formatsInstantsBeforeTheEpochAndAtTheExtremes() {
    assertThat(TimestampParser.format(0)).isEqualTo("1970-01-01T00:00:00.000Z");
    assertThat(TimestampParser.format(-1)).isEqualTo("1969-12-31T23:59:59.999999999Z");
    assertThat(TimestampParser.format(Long.MAX_VALUE)).isEqualTo("2262-04-11T23:47:16.854775807Z");
    assertThat(TimestampParser.format(Long.MIN_VALUE)).isEqualTo("1677-09-21T00:12:43.145224192Z");
  }

  @Test
  void formatsLikeJavaTimeAcrossTheWholeRange() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 20_000; i++) {
      long value = truncateRandomly(random, random.nextLong());

      assertThat(TimestampParser.format(value))
          .as("format(%d)", value)
          .isEqualTo(javaTimeFormat(value));
    }
  }

  @Test
  void roundTripsParseOfFormat() {
    SplittableRandom random = new SplittableRandom(7);
    long[] edges = {0, 1, -1, 999_999_999, -1_000_000_000, Long.MAX_VALUE, Long.MIN_VALUE + 1};
    for (long value : edges) {
      assertThat(TimestampParser.parseText(TimestampParser.format(value))).isEqualTo(value);
    }
    for (int i = 0; i < 20_000; i++) {
      long value = truncateRandomly(random, random.nextLong(Long.MIN_VALUE + 1, Long.MAX_VALUE));

      assertThat(TimestampParser.parseText(TimestampParser.format(value)))
          .as("value %d", value)
          .isEqualTo(value);
    }
  }

  // Zeroing the sub-milli or sub-micro part of some values makes every fraction width occur.
  private static long truncateRandomly(SplittableRandom random, long value) {
    return switch (random.nextInt(3)) {
      case 0 -> value - Math.floorMod(value, 1_000_000L);
      case 1 -> value - Math.floorMod(value, 1_000L);
      default -> value;
    };
  }

  private static String javaTimeFormat(long epochNanos) {
    Instant instant = Instant.ofEpochSecond(
        Math.floorDiv(epochNanos, NANOS_PER_SECOND), Math.floorMod(epochNanos, NANOS_PER_SECOND));
    int nano = instant.getNano();
    String fraction = nano % 1_000_000 == 0 ? "SSS" : nano % 1_000 == 0 ? "SSSSSS" : "SSSSSSSSS";
    return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss." + fraction + "'Z'")
        .withZone(ZoneOffset.UTC)
        .format(instant);
  }

  private static long utc(int year, int month, int day, int hour, int minute, int sec, int nano) {
    LocalDateTime dateTime = LocalDateTime.of(year, month, day, hour, minute, sec, nano);
    return nanos(dateTime.toInstant(ZoneOffset.UTC));
  }

  private static long nanos(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
  }
}
