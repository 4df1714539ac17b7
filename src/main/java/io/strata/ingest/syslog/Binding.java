package io.strata.ingest.syslog;

/**
 * What a listener's API key resolved to: the tenant that receives its events, that tenant's
 * ingest limit (events per second, 0 for none) and the topic partitions its events spread over.
 */
record Binding(String tenant, int eventsPerSecond, int partitions) {}
