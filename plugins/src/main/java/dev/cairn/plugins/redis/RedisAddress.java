package dev.cairn.plugins.redis;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;

/**
 * Where a Redis server listens and how to authenticate to it.
 *
 * @param host     host name or address
 * @param port     TCP port
 * @param user     ACL user, or empty for the default user
 * @param password password, or empty when Redis asks for none
 */
record RedisAddress(String host, int port, String user, String password) {
    RedisAddress {
        if (port < 1 || port > 65535) {
            throw new PluginException("redis endpoint port must be between 1 and 65535, got " + port);
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (!user.isEmpty() && password.isEmpty()) {
            throw new PluginException("redis endpoint sets user '" + user + "' but no password");
        }
    }

    static RedisAddress from(Endpoint endpoint) {
        return new RedisAddress(endpoint.require("host"), endpoint.integer("port").orElseThrow().intValue(),
                endpoint.string("user").orElse(""), endpoint.string("password").orElse(""));
    }

    /** Names the server for messages; never shows the password. */
    @Override
    public String toString() {
        return "Redis at " + host + ":" + port;
    }
}
