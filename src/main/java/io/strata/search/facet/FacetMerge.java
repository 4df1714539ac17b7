package io.strata.search.facet;

import io.strata.cluster.MissingNode;
import io.strata.search.ValueCounter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds up the top values several nodes sent. Each node sends more values than asked ({@code
 * fetched} per field), so that a value frequent across the cluster but not in one node's top list
 * is rare; where a node's list was cut, a value's count may be short, and the field is listed as
 * {@code incomplete}.
 */
final class FacetMerge {

  private FacetMerge() {}

  static FacetResponse merge(List<FacetResponse> parts, List<String> fields, int size,
      int fetched, List<MissingNode> missing) {
    long total = 0;
    Set<String> incomplete = new LinkedHashSet<>();
    Map<String, Map<String, Long>> sums = new LinkedHashMap<>();
    for (String field : fields) {
      sums.put(field, new HashMap<>());
    }
    for (FacetResponse part : parts) {
      total += part.total();
      if (part.incomplete() != null) {
        incomplete.addAll(part.incomplete());
      }
      for (String field : fields) {
        List<ValueCounter.ValueCount> values = part.facets().getOrDefault(field, List.of());
        if (values.size() >= fetched && parts.size() > 1) {
          incomplete.add(field); // this node has more values than it sent
        }
        Map<String, Long> sum = sums.get(field);
        for (ValueCounter.ValueCount value : values) {
          sum.merge(value.value(), value.count(), Long::sum);
        }
      }
    }
    Map<String, List<ValueCounter.ValueCount>> facets = new LinkedHashMap<>();
    sums.forEach((field, sum) -> {
      List<ValueCounter.ValueCount> top = new ArrayList<>(sum.size());
      sum.forEach((value, count) -> top.add(new ValueCounter.ValueCount(value, count)));
      top.sort(Comparator.comparingLong(ValueCounter.ValueCount::count).reversed()
          .thenComparing(ValueCounter.ValueCount::value));
      facets.put(field, List.copyOf(top.subList(0, Math.min(size, top.size()))));
    });
    List<String> incompleteFields = fields.stream().filter(incomplete::contains).toList();
    return new FacetResponse(facets, total, incompleteFields.isEmpty() ? null : incompleteFields,
        0, !missing.isEmpty(), missing.isEmpty() ? null : List.copyOf(missing));
  }
}
