package dev.cairn.plugins.s3;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where an {@code s3} store keeps its objects, read from its endpoint: the service (empty for AWS),
 * region, bucket, key prefix, credentials (empty for the SDK's default chain) and addressing style.
 *
 * <p>{@link #toString()} leaves the secret key out.
 */
record S3Location(URI service, String region, String bucket, String prefix,
                  String accessKeyId, String secretAccessKey, boolean pathStyle) {

    S3Location {
        if (bucket == null || bucket.isBlank()) {
            throw new PluginException("s3 endpoint needs 'bucket'");
        }
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new PluginException("s3 endpoint needs both 'access_key_id' and 'secret_access_key', or neither"
                    + " (to use the default AWS credentials of the server)");
        }
        prefix = trimSlashes(prefix == null ? "" : prefix);
    }

    static S3Location from(Endpoint endpoint) {
        return new S3Location(
                endpoint.string("endpoint").map(S3Location::service).orElse(null),
                endpoint.string("region").orElse("us-east-1"),
                endpoint.require("bucket"),
                endpoint.string("prefix").orElse(""),
                endpoint.string("access_key_id").orElse(null),
                endpoint.string("secret_access_key").orElse(null),
                endpoint.bool("path_style"));
    }

    /** Whether the endpoint gives its own credentials rather than the server's default chain. */
    boolean hasCredentials() {
        return accessKeyId != null;
    }

    /** The object key of the blob stored under {@code name}: the prefix, a '/', and the name. */
    String objectKey(String name) {
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
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** Where to say the object is in messages: s3://bucket/key, with the service when it is not AWS. */
    String describe(String objectKey) {
        return "s3://" + bucket + "/" + objectKey + (service == null ? "" : " at " + service);
    }

    @Override
    public String toString() {
        return "S3Location[" + (service == null ? "aws" : service) + ", region=" + region + ", bucket=" + bucket
                + ", prefix=" + prefix + ", accessKeyId=" + accessKeyId + ", pathStyle=" + pathStyle + "]";
    }

    private static URI service(String text) {
        try {
            URI uri = new URI(text.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new PluginException("s3 endpoint field 'endpoint' must be an http:// or https:// URL, got " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new PluginException("s3 endpoint field 'endpoint' is not a URL: " + e.getMessage(), e);
        }
    }

    private static String trimSlashes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '/') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '/') {
            end--;
        }
        return text.substring(start, end);
    }
}
