package dev.cairn.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;

/**
 * Parses a scrape with the Prometheus project's own text-format parser, {@code prometheus_client.parser}
 * of Debian's python3-prometheus-client, run as a subprocess on Debian's python3: the samples it reads are
 * what a test checks, so output it cannot read fails the test. Each line is also matched against the text
 * format's grammar (exposition format 0.0.4), strictly. Without the package the test skips, or fails under CI.
 */
final class PrometheusText {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String PACKAGE = "python3-prometheus-client";
    private static final String SCRIPT = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = []
            for family in text_string_to_metric_families(sys.stdin.read()):
                for s in family.samples:
                    out.append({"family": family.name, "type": family.type, "name": s.name, "labels": s.labels, "value": s.value})
            json.dump(out, sys.stdout)
            """;
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL_VALUE = "\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final String LABELS = "\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=" + LABEL_VALUE + "(?:,[a-zA-Z_][a-zA-Z0-9_]*="
            + LABEL_VALUE + ")*,?)?\\}";
    private static final String VALUE = "(?:[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?Inf|NaN)";
    private static final Pattern SAMPLE = Pattern.compile(NAME + "(?:" + LABELS + ")? " + VALUE + "(?: -?[0-9]+)?");
    private static final Pattern HELP = Pattern.compile("# HELP " + NAME + "(?: .*)?");
    private static final Pattern TYPE = Pattern.compile("# TYPE " + NAME + " (?:counter|gauge|histogram|summary|untyped)");

    /** One sample as the parser read it. */
    record Sample(String family, String type, String name, Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    /** The samples of {@code text}, in order, as Prometheus's parser reads them. */
    static List<Sample> parse(String text) {
        checkGrammar(text);
        if (!Files.isExecutable(PYTHON) || !runs("import prometheus_client.parser")) {
            String message = "the Prometheus text parser is not installed: apt-get install " + PACKAGE;
            String ci = System.getenv("CI");
            if (ci != null && !ci.isEmpty()) {
                throw new AssertionError(message + " (CI is set, so this fails instead of skipping)");
            }
            Assumptions.abort(message);
        }
        String json = run(SCRIPT, text);
        List<Sample> samples = new ArrayList<>();
        for (JsonNode s : ApiFixture.JSON.readTree(json)) {
            Map<String, String> labels = new LinkedHashMap<>();
            s.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().stringValue()));
            samples.add(new Sample(s.path("family").stringValue(), s.path("type").stringValue(), s.path("name").stringValue(),
                    labels, s.path("value").asDouble()));
        }
        return samples;
    }

    /** Every line is a sample, a HELP or TYPE comment, as the 0.0.4 text format writes them; the text ends with a newline. */
    private static void checkGrammar(String text) {
        assertThat(text).as("a scrape ends with a line feed").endsWith("\n");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            boolean ok = line.startsWith("# HELP ") ? HELP.matcher(line).matches()
                    : line.startsWith("# TYPE ") ? TYPE.matcher(line).matches()
                    : SAMPLE.matcher(line).matches();
            assertThat(ok).as("line %d of the scrape follows the text format: %s", i + 1, line).isTrue();
        }
    }

    private static boolean runs(String code) {
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", code).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String run(String code, String input) {
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", code).redirectError(ProcessBuilder.Redirect.PIPE).start();
            Thread feeder = Thread.ofVirtual().start(() -> {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(input.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the parser stopped reading: its exit status and stderr say why
                }
            });
            var errors = new java.io.ByteArrayOutputStream();
            Thread drain = Thread.ofVirtual().start(() -> {
                try (var stderr = p.getErrorStream()) {
                    stderr.transferTo(errors);
                } catch (IOException e) {
                    // nothing more to read
                }
            });
            String out;
            try (var stdout = p.getInputStream()) {
                out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
            }
            drain.join();
            feeder.join();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the parser ends").isTrue();
            assertThat(p.exitValue()).as("Prometheus's parser read the scrape; it said: %s",
                    errors.toString(StandardCharsets.UTF_8)).isZero();
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + PYTHON + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while parsing", e);
        }
    }
}
