package dev.cairn.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** One HTTP reply of the API: its status, body and headers, with readers for the JSON shapes tests check. */
record ApiReply(int status, String body, HttpHeaders headers) {

    /** Asserts the status, showing the body when it differs, and returns this reply. */
    ApiReply expect(int expected) {
        assertThat(status).as("HTTP status of a reply whose body is %s", body).isEqualTo(expected);
        return this;
    }

    JsonNode json() {
        return ApiFixture.JSON.readTree(body);
    }

    String contentType() {
        return headers.firstValue("Content-Type").orElse("");
    }

    /** The {@code error} of an error reply, which must be a string. */
    String error() {
        JsonNode error = json().path("error");
        assertThat(error.isString()).as("reply %s has an \"error\" string", body).isTrue();
        return error.stringValue();
    }

    /** The {@code missing} list of a 400 reply (empty when absent). */
    List<String> missing() {
        return strings(json().path("missing"));
    }

    /** The {@code uuid} of every item of a list reply, in order. */
    List<String> uuids() {
        JsonNode items = json();
        assertThat(items.isArray()).as("reply %s is a JSON array", body).isTrue();
        List<String> uuids = new ArrayList<>();
        items.forEach(item -> uuids.add(item.path("uuid").stringValue()));
        return uuids;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.stringValue()));
        return values;
    }
}
