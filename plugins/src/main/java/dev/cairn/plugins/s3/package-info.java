/**
 * The {@code s3} store: objects in a bucket of Amazon S3 or an S3-compatible service, uploaded as a
 * streaming multipart upload. {@link dev.cairn.plugins.s3.S3Store} is the entry point.
 */
package dev.cairn.plugins.s3;
