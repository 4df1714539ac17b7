package io.strata.ui.search;

/**
 * The search the view last ran, as the URL carries it: what "Save" and "Export" act on, so that
 * they match the results on screen rather than an edit not yet searched.
 */
record CurrentSearch(String q, String from, String to) {}
