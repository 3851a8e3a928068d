package dev.cairn.server.web;

/**
 * One input of an endpoint form, made from a plugin's declared field.
 *
 * @param name        the form field ({@code endpoint.NAME})
 * @param label       the plugin's field name
 * @param input       {@code text}, {@code password}, {@code number}, {@code boolean} or {@code list}
 * @param required    whether the browser should insist on a value
 * @param value       what to show in it (never a secret)
 * @param placeholder the default, or how a saved secret is kept
 * @param help        the plugin's line of help
 * @param invalid     whether the last attempt was refused for this field
 */
public record EndpointField(String name, String label, String input, boolean required, String value,
                            String placeholder, String help, boolean invalid) {
}
