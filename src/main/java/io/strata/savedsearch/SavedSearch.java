package io.strata.savedsearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.List;

/** A named search of one tenant: query, time range and the columns the console shows. */
@Entity
@Table(name = "saved_searches", uniqueConstraints = @UniqueConstraint(
    name = "saved_searches_tenant_name", columnNames = {"tenant_id", "name"}))
public class SavedSearch extends PanacheEntityBase {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  @Id
  @Column(length = 36)
  public String id;

  @Column(name = "tenant_id", nullable = false, length = 63)
  public String tenantId;

  @Column(nullable = false, length = SavedSearchRules.MAX_NAME)
  public String name;

  @Column(nullable = false, length = SavedSearchRules.MAX_QUERY)
  public String q;

  // FROM and TO are SQL keywords: other column names spare every query the quoting.
  @Column(name = "range_from", length = SavedSearchRules.MAX_TIME)
  public String from;

  @Column(name = "range_to", length = SavedSearchRules.MAX_TIME)
  public String to;

  /** A JSON array of field names (which may hold commas); null when none were chosen. */
  @Column(columnDefinition = "text")
  public String columns;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /** The id of the API key that created it. */
  @Column(name = "created_by")
  public String createdBy;

  public List<String> columnList() {
    if (columns == null) {
      return null;
    }
    try {
      return JSON.readValue(columns, STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("saved search " + id + " has unreadable columns", e);
    }
  }

  void storeColumns(List<String> list) {
    try {
      columns = list == null ? null : JSON.writeValueAsString(list);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is always JSON", e);
    }
  }
}
