/** Real servers for tests, started from installed binaries on free loopback ports in temporary directories. */
package dev.cairn.testing;
