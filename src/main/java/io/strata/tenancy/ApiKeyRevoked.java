package io.strata.tenancy;

/**
 * A CDI event fired when an API key is revoked, so that what it opened and what outlives a request
 * (live tails) ends at once on this node; other nodes notice on their next credential check.
 *
 * @param keyId the revoked key's id
 */
public record ApiKeyRevoked(String keyId) {}
