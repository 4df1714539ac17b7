package io.strata.index;

import java.time.LocalDate;

/** One day of a tenant, as search sees it: the day, and where to acquire a searcher of it. */
public record SearchableBucket(LocalDate day, DaySearchers searchers) {}
