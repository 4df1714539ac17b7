package io.strata.ingest;

import java.util.List;

/**
 * A request body cut into Kafka record values, with its rejected events; {@code expired} of those
 * were refused as past retention.
 */
record ParsedRequest(List<byte[]> records, int accepted, int rejected,
    List<IngestResult.EventError> errors, int expired) {}
