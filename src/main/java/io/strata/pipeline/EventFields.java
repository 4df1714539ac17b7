package io.strata.pipeline;

import java.util.Set;

/** Names of the fields every normalised event may carry, as search and responses show them. */
public final class EventFields {

  public static final String TIMESTAMP = "@timestamp";
  public static final String INGESTED_AT = "ingested_at";

  /** The event time found in an event that was indexed at its ingest time instead, being too far ahead. */
  public static final String TIMESTAMP_ORIGINAL = "timestamp_original";
  public static final String LEVEL = "level";
  public static final String LEVEL_ORIGINAL = "level_original";
  public static final String MESSAGE = "message";
  public static final String SERVICE = "service";
  public static final String HOST = "host";
  public static final String ENVIRONMENT = "environment";
  public static final String TRACE_ID = "trace_id";
  public static final String SPAN_ID = "span_id";
  public static final String REQUEST_ID = "request_id";
  public static final String ID = "_id";

  /** Keyword fields with few distinct values, worth doc values for facets and grouping. */
  public static final Set<String> FACETED = Set.of(LEVEL, SERVICE, HOST, ENVIRONMENT);

  /**
   * Names an attribute may not take, because the index gives them another type; an attribute sent
   * under one of them is renamed with {@link #RENAMED_SUFFIX}.
   */
  public static final Set<String> RESERVED = Set.of(TIMESTAMP, INGESTED_AT, LEVEL, LEVEL_ORIGINAL,
      MESSAGE, SERVICE, HOST, ENVIRONMENT, TRACE_ID, SPAN_ID, REQUEST_ID, ID, "_seq", "_source",
      "_ingested", "_parsed", "_doc_id");

  public static final String RENAMED_SUFFIX = "_original";

  private EventFields() {}
}
