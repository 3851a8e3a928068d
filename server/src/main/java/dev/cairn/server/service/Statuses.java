package dev.cairn.server.service;

import dev.cairn.core.CairnException;
import dev.cairn.plugin.PluginException;

/** The HTTP status each failure maps to, the same for the API's JSON and the web UI's pages. */
public final class Statuses {
    private Statuses() {
    }

    /** 400 bad input, 401, 403 a permission missing, 429 too many failed sign-ins, 404, 409 conflict, 502 a plugin's system failed, else 500. */
    public static int of(Throwable e) {
        return switch (e) {
            case CairnException.InvalidInput i -> 400;
            case CairnException.Unauthorized u -> 401;
            case CairnException.Forbidden f -> 403;
            case CairnException.NotAcceptable n -> 406;
            case CairnException.RangeNotSatisfiable r -> 416;
            case CairnException.TooManyAttempts t -> 429;
            case CairnException.NotFound n -> 404;
            case CairnException.Conflict c -> 409;
            case PluginException p -> 502;
            default -> 500;
        };
    }
}
