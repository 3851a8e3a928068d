package dev.cairn.server.web;

import dev.cairn.core.Cairn;
import java.util.Map;
import java.util.stream.Collectors;

/** Endpoints written for people: {@code path=/srv/data, password=********}, secrets masked. */
final class Endpoints {
    private Endpoints() {
    }

    static String shown(Cairn cairn, String plugin, Map<String, Object> endpoint) {
        return cairn.plugins().masked(plugin, endpoint).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
