package dev.cairn.core.access;

import java.util.UUID;

/** A user's role in a team; {@code source} is {@code local} or {@code ldap} (replaced at each directory sign-in). */
public record Membership(UUID user, String userName, UUID team, String teamName, Role role, String source) {
}
