package io.strata.ui.search;

import java.util.List;

/**
 * The search the view last ran, as the URL carries it: what "Save" and "Export" act on, so that
 * they match the results on screen rather than an edit not yet searched. {@code columns} are the
 * event fields shown as extra grid columns, in their order.
 */
record CurrentSearch(String q, String from, String to, List<String> columns) {

  CurrentSearch {
    columns = List.copyOf(columns);
  }

  CurrentSearch withColumns(List<String> chosen) {
    return new CurrentSearch(q, from, to, chosen);
  }
}
