/**
 * {@code cairn agent}: polls the core over its HTTP API for the backup and restore work of the
 * targets that name this agent, runs each through a local target plugin, and streams the data up
 * or down. It only connects out, so it works behind NAT; it needs no inbound port.
 */
package dev.cairn.agent;
