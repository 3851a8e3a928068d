/**
 * The {@code rabbitmq} target: RabbitMQ definitions (vhosts, users, permissions, exchanges, queues,
 * bindings, policies, parameters) exported and imported through the management HTTP API; not
 * messages. {@link dev.cairn.plugins.rabbitmq.RabbitMqTarget} is the entry point.
 */
package dev.cairn.plugins.rabbitmq;
