package io.strata.audit;

import java.time.Instant;
import java.util.List;

/**
 * What the scheduled verification of the whole trail found, fired as a CDI event after each run so
 * that alerting can tell the operator (without the trail knowing who listens).
 *
 * @param failedChains the chains that did not verify, by name
 */
public record AuditVerified(Instant at, int chains, List<String> failedChains) {}
