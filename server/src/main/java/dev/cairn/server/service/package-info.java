/**
 * What the HTTP API and the web UI both do to the core: turning what a client sent into catalog
 * records with the same checks, and the actions a person can ask for. Neither front end bypasses it.
 */
package dev.cairn.server.service;
