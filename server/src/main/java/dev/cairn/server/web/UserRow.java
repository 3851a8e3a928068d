package dev.cairn.server.web;

import dev.cairn.core.access.User;

/** A user as the users list shows them: with their teams and roles in words ({@code ops (operator), web (viewer)}). */
public record UserRow(User user, String teams) {
}
