package dev.cairn.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the Cairn server is and the credentials to present to it, as the whole value of the
 * {@code Authorization} header.
 *
 * <p>{@code authorization} is null when no token was found: the server then answers 401 and says so.
 */
record Connection(URI url, String authorization) {

    static final String DEFAULT_URL = "http://127.0.0.1:8080";
    static final Path DEV_TOKEN_FILE = Path.of(".cairn-dev", "admin.token");

    /** Presents {@code token} as a bearer token; no credentials when it is null. */
    static Connection bearer(URI url, String token) {
        return new Connection(url, token == null ? null : "Bearer " + token);
    }

    /** Presents a user name and a password (or one of the user's tokens) with HTTP Basic. */
    static Connection basic(URI url, String user, char[] secret) {
        String pair = user + ":" + new String(secret);
        return new Connection(url, "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Picks the URL as {@link #url} does, and the token from {@code --token}, else
     * {@code CAIRN_TOKEN}, else the file named by {@code CAIRN_TOKEN_FILE}, else the one
     * {@code cairn login} kept in the config file (only for the server it was made on, so that
     * {@code --url} elsewhere never sends it there), else {@code ./.cairn-dev/admin.token} when that exists.
     */
    static Connection resolve(String urlOption, String tokenOption, Invocation invocation) {
        Optional<ConfigFile.Login> login = ConfigFile.of(invocation.env()).flatMap(ConfigFile::login);
        URI url = url(urlOption, invocation, login);
        return bearer(url, token(tokenOption, invocation, login.filter(kept -> ConfigFile.sameServer(kept.url(), url))));
    }

    /**
     * The server: {@code --url}, else {@code CAIRN_URL}, else the one {@code cairn login} signed in
     * to, else {@value DEFAULT_URL}.
     */
    static URI url(String urlOption, Invocation invocation) {
        return url(urlOption, invocation, ConfigFile.of(invocation.env()).flatMap(ConfigFile::login));
    }

    private static URI url(String urlOption, Invocation invocation, Optional<ConfigFile.Login> login) {
        String fromEnv = invocation.env().get("CAIRN_URL");
        String source;
        String text;
        if (urlOption != null) {
            source = "--url";
            text = urlOption;
        } else if (fromEnv != null) {
            source = "CAIRN_URL";
            text = fromEnv;
        } else if (login.isPresent() && login.get().url() != null) {
            source = "the config file " + ConfigFile.of(invocation.env()).orElseThrow().path();
            text = login.get().url();
        } else {
            source = "the default";
            text = DEFAULT_URL;
        }
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

    private static String token(String tokenOption, Invocation invocation, Optional<ConfigFile.Login> login) {
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
        if (login.isPresent()) {
            return login.get().token();
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

    static String stripTrailingSlashes(String url) {
        String stripped = url;
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }
}
