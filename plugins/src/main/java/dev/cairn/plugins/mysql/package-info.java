/**
 * The {@code mysql} target, for MySQL and MariaDB: one database, or every database, through
 * mariadb-dump (or mysqldump) and the mariadb (or mysql) client.
 * {@link dev.cairn.plugins.mysql.MySqlTarget} is the entry point; beside it,
 * {@link dev.cairn.plugins.mysql.MariaDbEngine} runs a MariaDB server of Cairn's own from an archive
 * (images and instances).
 *
 * <p>The password reaches the programs only through a 0600 option file named with
 * {@code --defaults-extra-file}, deleted when they have ended.
 */
package dev.cairn.plugins.mysql;
