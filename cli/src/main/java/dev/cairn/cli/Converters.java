package dev.cairn.cli;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Checks option values before anything is sent, so that a typo is a usage error (exit 2), not a server error. */
final class Converters {

    private Converters() {
    }

    /** A duration ("7d", "3600") as whole seconds. */
    static final class Seconds implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return DurationText.parseSeconds(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A JSON object, passed on compacted, as the JSON-encoded string the API's {@code endpoint} field holds. */
    static final class JsonObjectText implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            JsonNode parsed;
            try {
                parsed = JsonMapper.shared().readTree(value);
            } catch (JacksonException e) {
                throw new TypeConversionException("'" + value + "' is not JSON: " + e.getOriginalMessage());
            }
            if (parsed == null || !parsed.isObject()) {
                throw new TypeConversionException("'" + value + "' is not a JSON object; write it like '{\"path\":\"/srv/data\"}'");
            }
            return parsed.toString();
        }
    }

    /**
     * A point in time as the API's filters take it: a day ({@code 20261121}, its start in UTC), a
     * UTC time as the API writes them ({@code 2026-11-21 14:30:00}), or ISO 8601 with an offset;
     * checked and passed on unchanged.
     */
    static final class Time implements ITypeConverter<String> {
        private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
                .withResolverStyle(java.time.format.ResolverStyle.STRICT);

        @Override
        public String convert(String value) {
            String text = value.strip();
            try {
                if (text.matches("\\d{8}")) {
                    return new Day().convert(text);
                }
                if (text.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
                    java.time.LocalDateTime.parse(text, WIRE);
                } else {
                    java.time.OffsetDateTime.parse(text);
                }
                return text;
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a time: write a day as YYYYMMDD (20261121),"
                        + " a UTC time as 'YYYY-MM-DD HH:MM:SS' or ISO 8601 with an offset (2026-11-21T14:30:00+01:00)");
            }
        }
    }

    /** A day written YYYYMMDD, checked to be a real date and passed on unchanged. */
    static final class Day implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE).format(DateTimeFormatter.BASIC_ISO_DATE);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a day written YYYYMMDD, like 20261122");
            }
        }
    }
}
