package io.strata.search;

/**
 * What to search: a Lucene-syntax query, a time range (ISO-8601 or relative such as {@code now-15m};
 * default the last 24 hours), a page size (default 100, at most 1,000) and the cursor of the
 * previous page.
 */
public record SearchRequest(String q, String from, String to, Integer limit, String cursor) {}
