package io.strata.ingest.syslog;

/**
 * What a listener's API key resolved to: the tenant that receives its events and that tenant's
 * ingest limit (events per second, 0 for none).
 */
record Binding(String tenant, int eventsPerSecond) {}
