package io.strata.ingest.otlp;

import java.util.List;

/** An OTLP {@code InstrumentationScope}: the library that emitted a group of log records. */
record OtlpScope(String name, String version, List<OtlpValue.Attribute> attributes) {

  static final OtlpScope UNKNOWN = new OtlpScope("", "", List.of());
}
