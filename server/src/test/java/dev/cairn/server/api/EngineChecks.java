package dev.cairn.server.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** What the instance tests check from outside, as a developer or an operator would: connections, files, processes, ports. */
final class EngineChecks {
    private EngineChecks() {
    }

    /** A JDBC connection to the PostgreSQL instance {@code instance} (its API view) with its own credentials. */
    static Connection connect(JsonNode instance) throws SQLException {
        String url = "jdbc:postgresql://" + instance.path("host").stringValue() + ":" + instance.path("port").intValue() + "/"
                + instance.path("database").stringValue();
        return DriverManager.getConnection(url, instance.path("user").stringValue(), instance.path("password").stringValue());
    }

    /** The rows of {@code sql} on the instance, each a list of strings (a MariaDB one through the mariadb client). */
    static List<List<String>> query(JsonNode instance, String sql) throws SQLException {
        if (instance.path("plugin").stringValue().equals("mysql")) {
            return mariadb(instance, sql);
        }
        try (Connection c = connect(instance); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    static void execute(JsonNode instance, String sql) throws SQLException {
        if (instance.path("plugin").stringValue().equals("mysql")) {
            mariadb(instance, sql);
            return;
        }
        try (Connection c = connect(instance); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Runs {@code sql} with the mariadb client over TCP as the instance's user, its password in MYSQL_PWD. */
    static List<List<String>> mariadb(JsonNode instance, String sql) throws SQLException {
        ProcessBuilder builder = new ProcessBuilder("mariadb", "--protocol=TCP", "-h", instance.path("host").stringValue(),
                "-P", String.valueOf(instance.path("port").intValue()), "-u", instance.path("user").stringValue(),
                "-N", "-B", "-e", sql, instance.path("database").stringValue()).redirectErrorStream(true);
        builder.environment().put("MYSQL_PWD", instance.path("password").stringValue());
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new SQLException("mariadb: " + output.strip());
            }
            List<List<String>> rows = new ArrayList<>();
            for (String line : output.split("\n")) {
                if (!line.isEmpty()) {
                    rows.add(List.of(line.split("\t", -1)));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", e);
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The processes whose command line names {@code directory} (a data system running from it). */
    static List<String> processesIn(Path directory) {
        String needle = directory.toString();
        return ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains(needle + "/") || line.endsWith(needle)).toList();
    }

    /** A SHA-256 over the names and bytes of every file under {@code directory}. */
    static String treeHash(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                digest.update(directory.relativize(file).toString().getBytes());
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The files under {@code directory} whose bytes contain {@code text}. */
    static List<Path> filesContaining(Path directory, String text) {
        byte[] needle = text.getBytes();
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> found = new ArrayList<>();
            for (Path file : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    found.add(file);
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
