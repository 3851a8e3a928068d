package dev.cairn.server.web;

/** The core as the dashboard shows it: what runs, since when, and how much work waits. */
public record CoreHealth(String version, String server, String mode, String catalog, String uptime, long pending,
                         long running) {
}
