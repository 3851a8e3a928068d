/**
 * Sanitised variants (issue 17): the rules model ({@link dev.cairn.core.sanitise.Rules}, read from
 * JSON or YAML), the strict check and preview, and {@link dev.cairn.core.sanitise.Sanitiser}, which
 * applies rules in place to a scratch PostgreSQL or MariaDB/MySQL database over JDBC: subsets that
 * keep the rows kept rows reference, dropped tables, keyed deterministic hashes and fakes, masks,
 * shifts and SQL expressions. {@link dev.cairn.core.sanitise.SanitiseRules} keeps each target's
 * versioned rules and sealed hash key in the catalog.
 */
package dev.cairn.core.sanitise;
