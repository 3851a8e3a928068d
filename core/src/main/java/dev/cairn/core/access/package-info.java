/**
 * People and access: users, teams and their roles, the permission table ({@link dev.cairn.core.access.Role}),
 * API tokens, password hashes, the {@link dev.cairn.core.access.Principal} every check is made against,
 * and the append-only audit log. {@link dev.cairn.core.access.Access} is the entry point.
 */
package dev.cairn.core.access;
