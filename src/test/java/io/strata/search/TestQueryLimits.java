package io.strata.search;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;

/** {@link QueryLimits} as the application reads them, for tests that run without the application. */
final class TestQueryLimits {

  private TestQueryLimits() {}

  /** The defaults of {@link QueryLimits}. */
  static QueryLimits defaults() {
    return with(Map.of());
  }

  /** The defaults with some properties set, such as {@code strata.search.query.max-depth}. */
  static QueryLimits with(Map<String, String> properties) {
    SmallRyeConfig config = new SmallRyeConfigBuilder()
        .withMapping(QueryLimits.class)
        .withDefaultValues(properties)
        .build();
    return config.getConfigMapping(QueryLimits.class);
  }
}
