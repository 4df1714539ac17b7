package io.strata.savedsearch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** A saved search as the API shows it; {@code from}, {@code to} and {@code columns} when set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SavedSearchView(String id, String tenant, String name, String q, String from, String to,
    List<String> columns, @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt, @JsonProperty("created_by") String createdBy) {

  static SavedSearchView of(SavedSearch search) {
    return new SavedSearchView(search.id, search.tenantId, search.name, search.q, search.from,
        search.to, search.columnList(), search.createdAt, search.updatedAt, search.createdBy);
  }
}
