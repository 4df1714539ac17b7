package io.strata.alerting.silence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A silence of one tenant, as stored: rule ids and matchers as JSON texts. */
@Entity
@Table(name = "alert_silences")
public class Silence extends PanacheEntityBase {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, String>> MATCHERS =
      new TypeReference<>() {};

  @Id
  @Column(length = 40)
  public String id;

  @Column(nullable = false, length = 63)
  public String tenant;

  /** A JSON array of rule ids; {@code []}: every rule of the tenant. */
  @Column(name = "rule_ids", nullable = false, columnDefinition = "text")
  public String ruleIds;

  /** A JSON object of names to the values they must equal. */
  @Column(nullable = false, columnDefinition = "text")
  public String matchers;

  @Column(name = "starts_at", nullable = false)
  public Instant startsAt;

  @Column(name = "ends_at", nullable = false)
  public Instant endsAt;

  @Column(nullable = false, columnDefinition = "text")
  public String comment;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "created_by")
  public String createdBy;

  List<String> ruleIdList() {
    return read(ruleIds, STRINGS);
  }

  Map<String, String> matcherMap() {
    return read(matchers, MATCHERS);
  }

  /** What the scheduler asks. */
  public SilenceMatcher matcher() {
    return matcher(id, ruleIds, matchers, startsAt, endsAt);
  }

  /** The matcher of a silence read as columns. */
  public static SilenceMatcher matcher(String id, String ruleIds, String matchers,
      Instant startsAt, Instant endsAt) {
    return new SilenceMatcher(id, read(ruleIds, STRINGS), read(matchers, MATCHERS), startsAt,
        endsAt);
  }

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("lists and maps of strings are always JSON", e);
    }
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a silence's JSON columns are always JSON", e);
    }
  }
}
