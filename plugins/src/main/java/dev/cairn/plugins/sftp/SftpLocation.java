package dev.cairn.plugins.sftp;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;

/**
 * Where an {@code sftp} store keeps its objects, read from its endpoint: the server, the account
 * (a password or a private key), the remote directory and the pinned host key fingerprint (null
 * when not configured, which refuses every connection).
 *
 * <p>{@link #toString()} leaves the password and key out.
 */
record SftpLocation(String host, int port, String user, String password, String privateKey, String directory,
                    HostKeyPin hostKey) {

    SftpLocation {
        if (port < 1 || port > 65_535) {
            throw new PluginException("sftp endpoint field 'port' must be 1 to 65535, got " + port);
        }
        if (password == null && privateKey == null) {
            throw new PluginException("sftp endpoint needs 'password' or 'private_key'");
        }
        if (directory.isEmpty()) {
            throw new PluginException("sftp endpoint needs 'path'");
        }
    }

    static SftpLocation from(Endpoint endpoint) {
        return new SftpLocation(
                endpoint.require("host"),
                Math.toIntExact(endpoint.integer("port").orElse(22L)),
                endpoint.require("user"),
                endpoint.string("password").orElse(null),
                endpoint.string("private_key").orElse(null),
                endpoint.require("path"),
                endpoint.string("host_key").map(HostKeyPin::parse).orElse(null));
    }

    /** host:port, for messages. */
    String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The remote path of object {@code name}, checking that it stays under the directory. */
    String objectPath(String name) {
        if (name == null || name.isEmpty()) {
            throw new PluginException("object name must not be empty");
        }
        if (name.startsWith("/")) {
            throw new PluginException("object name must be relative to the store, got " + name);
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new PluginException("object name must not have empty, '.' or '..' parts, got " + name);
            }
        }
        if (name.endsWith(RemoteDirectory.PARTIAL)) {
            throw new PluginException("object names ending in " + RemoteDirectory.PARTIAL
                    + " are reserved for uploads in progress, got " + name);
        }
        return root() + "/" + name;
    }

    /** The directory without a trailing '/' ("/" stays "/" and is joined as such). */
    String root() {
        String root = directory;
        while (root.length() > 1 && root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return root.equals("/") ? "" : root;
    }

    @Override
    public String toString() {
        return "SftpLocation[" + user + "@" + address() + ":" + directory + ", hostKey=" + hostKey
                + ", auth=" + (privateKey != null ? "key" : "password") + "]";
    }
}
