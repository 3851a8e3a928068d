package dev.cairn.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the Cairn server is and the API token to present to it.
 *
 * <p>{@code token} is null when none was found: the server then answers 401 and says so.
 */
record Connection(URI url, String token) {

    static final String DEFAULT_URL = "http://127.0.0.1:8080";
    static final Path DEV_TOKEN_FILE = Path.of(".cairn-dev", "admin.token");

    /**
     * Picks the URL from {@code --url}, else {@code CAIRN_URL}, else {@value DEFAULT_URL}; and the
     * token from {@code --token}, else {@code CAIRN_TOKEN}, else the file named by
     * {@code CAIRN_TOKEN_FILE}, else {@code ./.cairn-dev/admin.token} when that exists.
     */
    static Connection resolve(String urlOption, String tokenOption, Invocation invocation) {
        return new Connection(url(urlOption, invocation), token(tokenOption, invocation));
    }

    private static URI url(String urlOption, Invocation invocation) {
        String source = urlOption != null ? "--url" : "CAIRN_URL";
        String text = urlOption != null ? urlOption : invocation.env().getOrDefault("CAIRN_URL", DEFAULT_URL);
        URI url;
        try {
            url = URI.create(stripTrailingSlashes(text.strip()));
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid Cairn URL '" + text + "' (from " + source + "): " + e.getMessage(), e);
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new CliException("invalid Cairn URL '" + text + "' (from " + source
                    + "): expected http://HOST:PORT or https://HOST:PORT");
        }
        return url;
    }

    private static String token(String tokenOption, Invocation invocation) {
        if (tokenOption != null) {
            return tokenOption.strip();
        }
        String fromEnv = invocation.env().get("CAIRN_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        String tokenFile = invocation.env().get("CAIRN_TOKEN_FILE");
        if (tokenFile != null && !tokenFile.isBlank()) {
            return read(invocation.workingDirectory().resolve(tokenFile), "CAIRN_TOKEN_FILE");
        }
        Path devToken = invocation.workingDirectory().resolve(DEV_TOKEN_FILE);
        return Files.isRegularFile(devToken) ? read(devToken, "the dev server's token file") : null;
    }

    private static String read(Path file, String source) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new CliException("cannot read the API token from " + file + " (" + source + "): " + e, e);
        }
    }

    private static String stripTrailingSlashes(String url) {
        String stripped = url;
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }
}
