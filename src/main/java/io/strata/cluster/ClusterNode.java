package io.strata.cluster;

import java.util.Set;

/**
 * A node of the cluster as the registry last saw it.
 *
 * @param id its {@code STRATA_NODE_ID}
 * @param url where its HTTP API answers other nodes
 * @param roles what it does
 * @param live whether it said it was alive within the node timeout and has not stopped
 * @param silentSeconds how long ago it last said so
 */
public record ClusterNode(String id, String url, Set<Role> roles, boolean live,
    long silentSeconds) {}
