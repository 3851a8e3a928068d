package dev.cairn.core.catalog;

import java.util.Map;

/** Turns an endpoint into the text the catalog keeps (secret fields sealed) and back. */
public interface EndpointCodec {
    String encode(String plugin, Map<String, Object> endpoint);

    Map<String, Object> decode(String plugin, String stored);
}
