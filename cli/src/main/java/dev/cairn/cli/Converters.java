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
