/**
 * The {@code sqlite} target: a SQLite database file, backed up as a byte-exact copy of a
 * consistent state of the live database and restored by swapping a new file in.
 * {@link dev.cairn.plugins.sqlite.SqliteTarget} is the entry point.
 *
 * <h2>Why the backup is consistent without a temporary file</h2>
 *
 * <p>SQLite's online backup API and {@code VACUUM INTO} both write to a file, and the
 * {@code sqlite_dbpage} table that would read pages out through SQL is compiled into neither
 * sqlite-jdbc nor Debian's sqlite3. Instead, {@link dev.cairn.plugins.sqlite.LiveSnapshot} makes the
 * database file itself hold the whole committed state and keeps it so while the file is streamed:
 * <ol>
 *   <li>{@code BEGIN IMMEDIATE} takes the database's write lock: no other connection can commit
 *       until the copy is done (writers wait for their busy timeout; readers go on).</li>
 *   <li>In WAL mode, committed pages may still live only in the {@code -wal} file. A second
 *       connection runs {@code PRAGMA wal_checkpoint(PASSIVE)} until it reports every frame of the
 *       log copied back into the database file. With the write lock held no new frame can appear,
 *       so from then on nothing writes to the database file: a checkpoint has nothing left to copy,
 *       and the log is only reset by a writer. (A reader still holding an older snapshot can delay
 *       the checkpoint; Cairn retries for a while, then gives up with a message saying so.)</li>
 *   <li>In rollback-journal mode the committed state is always in the database file, and the write
 *       lock keeps writers from changing it (a crashed writer's hot journal is rolled back when the
 *       lock is taken).</li>
 *   <li>The first {@code page_count × page_size} bytes of the file are streamed out; then the
 *       transaction is rolled back, which releases the lock.</li>
 * </ol>
 * The cost is that writers wait for the length of the copy; readers are never blocked.
 *
 * <h2>Restore</h2>
 *
 * <p>The stream is written to a hidden temporary file beside the database, synced, checked to be a
 * whole SQLite file, given the old file's owner and mode, and renamed over the database. Before the
 * rename the old database is taken out of WAL mode (SQLite checkpoints it and deletes its
 * {@code -wal} and {@code -shm} files itself, which it does only when no other connection has the
 * database open: otherwise the restore refuses, as a leftover log would be applied to the new
 * file), and an exclusive lock is held across the rename so that no connection is inside a
 * transaction of the old file when it goes. Applications that keep the old file open must reopen
 * it; stop them for the restore.
 */
package dev.cairn.plugins.sqlite;
