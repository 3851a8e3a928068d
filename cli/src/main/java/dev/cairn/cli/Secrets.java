package dev.cairn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading a password or token piped into the CLI ({@code --password-stdin}). */
final class Secrets {

    private Secrets() {
    }

    /**
     * Everything on {@code in} up to its end, less the line break that ends it ({@code echo} adds
     * one); spaces count, as they may be part of a password. Nothing at all is a failure.
     */
    static char[] fromStandardInput(InputStream in) {
        String text;
        try {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot read the password from standard input: " + e, e);
        }
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        if (end == 0) {
            throw new CliException("--password-stdin: standard input held no password");
        }
        return text.substring(0, end).toCharArray();
    }
}
