/**
 * The web UI: server-rendered pages (jte templates precompiled at build time, htmx for small
 * updates) served at {@code /} beside the API, behind a login with the API token. Every change
 * goes through the same core services and checks as the API ({@link dev.cairn.server.service}).
 */
package dev.cairn.server.web;
