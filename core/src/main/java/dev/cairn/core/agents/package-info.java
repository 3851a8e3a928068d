/**
 * Agents: programs next to data systems the core cannot reach that connect out to the core, take
 * the backup and restore work of the targets naming them, and stream its data over the HTTP API.
 * {@link dev.cairn.core.agents.AgentHub} holds the work in flight on this server; a
 * {@code RemoteTarget} stands in for the plugin in the task's pipeline.
 */
package dev.cairn.core.agents;
