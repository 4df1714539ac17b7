package io.strata.index;

import java.time.LocalDate;
import org.apache.lucene.search.SearcherManager;

/** One day index of a tenant, as search sees it: the day, and where to acquire a searcher. */
public record SearchableBucket(LocalDate day, SearcherManager searchers) {}
