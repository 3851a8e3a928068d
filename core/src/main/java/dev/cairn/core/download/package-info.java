/**
 * Downloads: an archive, or a target's newest usable one, as the decrypted stream a client pipes
 * into psql or mysql, checked as it passes and audited. {@link dev.cairn.core.download.Downloads} is the entry point.
 */
package dev.cairn.core.download;
