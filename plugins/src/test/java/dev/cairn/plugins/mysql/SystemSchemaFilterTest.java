package dev.cairn.plugins.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.testing.FailingAfter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An all-databases dump loses its mysql system database, and only that, in bounded pieces. */
class SystemSchemaFilterTest {
    private static final String DUMP = """
            -- MariaDB dump 10.19  Distrib 10.11.19-MariaDB
            --
            -- Host: 127.0.0.1    Database:\s
            /*!40101 SET NAMES utf8mb4 */;
            --
            -- Current Database: `mysql`
            --
            CREATE DATABASE /*!32312 IF NOT EXISTS*/ `mysql`;
            USE `mysql`;
            INSERT INTO `global_priv` VALUES ('%','shop_app','{"authentication_string":"*ABC"}');
            /*!40000 FLUSH PRIVILEGES */;
            --
            -- Current Database: `shop`
            --
            CREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop`;
            USE `shop`;
            INSERT INTO `customers` VALUES (1,'-- Current Database: `mysql`');
            --
            -- Current Database: `mysql_archive`
            --
            USE `mysql_archive`;
            """;

    @Test
    void dropsTheMysqlDatabaseAndKeepsEveryOther() throws IOException {
        String filtered = new String(new SystemSchemaFilter(new ByteArrayInputStream(DUMP.getBytes(StandardCharsets.UTF_8)))
                .readAllBytes(), StandardCharsets.UTF_8);

        assertThat(filtered).doesNotContain("global_priv", "FLUSH PRIVILEGES", "USE `mysql`;");
        assertThat(filtered).contains("SET NAMES utf8mb4", "USE `shop`;", "INSERT INTO `customers` VALUES (1,'-- Current Database: `mysql`');",
                "USE `mysql_archive`;");
    }

    @Test
    void aFailingSourceFailsTheRead() {
        InputStream source = new FailingAfter(new ByteArrayInputStream(DUMP.getBytes(StandardCharsets.UTF_8)), 100, null);

        assertThatThrownBy(() -> new SystemSchemaFilter(source).readAllBytes()).isInstanceOf(IOException.class);
    }
}
