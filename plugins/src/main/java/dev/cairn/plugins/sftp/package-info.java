/**
 * The {@code sftp} store: objects as files in a directory of an SSH server, which must present the
 * host key the endpoint pins. {@link dev.cairn.plugins.sftp.SftpStore} is the entry point.
 */
package dev.cairn.plugins.sftp;
