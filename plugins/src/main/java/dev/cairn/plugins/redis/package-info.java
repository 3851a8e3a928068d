/**
 * The {@code redis} target: backs up a running Redis over the network as an RDB snapshot taken
 * through the replication protocol, and restores by putting the RDB file in place and restarting
 * Redis on its host. {@link dev.cairn.plugins.redis.RedisTarget} is the entry point.
 */
package dev.cairn.plugins.redis;
