/**
 * A Draupnir-compatible API (seed 002) over the same image and instance services as API v1:
 * {@code /images} and {@code /instances} with JSON:API-style bodies, for teams and scripts coming
 * from Draupnir. An image is filled from an archive ({@code archive} attribute) instead of an scp upload.
 */
package dev.cairn.server.draupnir;
