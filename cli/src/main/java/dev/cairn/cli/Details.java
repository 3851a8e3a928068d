package dev.cairn.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * One item for people, as "Label: value" lines with the values aligned; a multi-line value
 * continues under its first line, and a null value shows as "-".
 */
final class Details {

    private record Field(String label, String value) {
    }

    private final List<Field> fields = new ArrayList<>();
    private final List<String> trailer = new ArrayList<>();

    Details field(String label, String value) {
        fields.add(new Field(label, value == null ? "-" : Printable.lines(value)));
        return this;
    }

    /** Adds a block printed after the fields, under its own heading: a log, a help text, a table. */
    Details section(String heading, String body) {
        String text = body == null || body.isEmpty() ? "-" : Printable.lines(body);
        trailer.add("\n" + heading + ":\n" + (text.endsWith("\n") ? text : text + "\n"));
        return this;
    }

    String render() {
        int width = fields.stream().mapToInt(field -> field.label().length()).max().orElse(0) + 1;
        String indent = " ".repeat(width + 1);
        StringBuilder rendered = new StringBuilder();
        for (Field field : fields) {
            String label = field.label() + ":";
            rendered.append(label).append(" ".repeat(width - label.length() + 1))
                    .append(field.value().replace("\n", "\n" + indent).stripTrailing())
                    .append('\n');
        }
        trailer.forEach(rendered::append);
        return rendered.toString();
    }
}
