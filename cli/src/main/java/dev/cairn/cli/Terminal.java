package dev.cairn.cli;

import java.io.PrintStream;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a command's output goes: pretty JSON for scripts when {@code --json} was given, lines,
 * tables and key: value blocks for people otherwise.
 */
final class Terminal {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final JsonMapper mapper;
    private boolean midLine;

    Terminal(PrintStream out, PrintStream err, boolean json, JsonMapper mapper) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.mapper = mapper;
    }

    /** Whether the user asked for the server's JSON rather than text for people. */
    boolean json() {
        return json;
    }

    /** An error as scripts that asked for {@code --json} read it: {@code {"error": "…"}} on one line. */
    static String errorJson(String message) {
        return JsonMapper.shared().writeValueAsString(Map.of("error", message));
    }

    void printJson(JsonNode node) {
        line(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    }

    /** Prints a line for people; control characters in it are shown escaped, never sent raw. */
    void line(String text) {
        endLine();
        out.println(Printable.lines(text));
    }

    void print(Table table) {
        endLine();
        out.print(table.render());
    }

    void print(Details details) {
        endLine();
        out.print(details.render());
    }

    /** Prints a piece of a task's log as it is, which may end in the middle of a line. */
    void log(String piece) {
        out.print(Printable.lines(piece));
        out.flush();
        midLine = !piece.endsWith("\n");
    }

    void error(String text) {
        endLine();
        out.flush();
        err.println(Printable.lines(text));
    }

    private void endLine() {
        if (midLine) {
            out.println();
            midLine = false;
        }
    }
}
