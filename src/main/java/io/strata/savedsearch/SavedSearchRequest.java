package io.strata.savedsearch;

import java.util.List;

/** The body of a request that creates or replaces a saved search; it never names a tenant. */
public record SavedSearchRequest(String name, String q, String from, String to, List<String> columns) {}
