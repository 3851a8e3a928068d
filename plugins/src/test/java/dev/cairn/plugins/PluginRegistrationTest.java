package dev.cairn.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.Engine;
import dev.cairn.plugin.Plugin;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.StorePlugin;
import dev.cairn.plugin.TargetPlugin;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The built-in plugins are found through ServiceLoader, one PluginInfo per name. */
class PluginRegistrationTest {

    @Test
    void targetsAndStoresAreRegistered() {
        assertThat(names(ServiceLoader.load(TargetPlugin.class))).contains("postgres", "mysql", "sqlite", "fs");
        assertThat(names(ServiceLoader.load(StorePlugin.class))).contains("fs", "s3", "sftp");
    }

    @Test
    void theS3AndSftpStoresTakeTheDesignedKeysAndKeepTheirSecrets() {
        PluginInfo s3 = info(ServiceLoader.load(StorePlugin.class), "s3");
        PluginInfo sftp = info(ServiceLoader.load(StorePlugin.class), "sftp");

        assertThat(s3.fields()).extracting(ConfigField::name).containsExactly(
                "endpoint", "region", "bucket", "prefix", "access_key_id", "secret_access_key", "path_style");
        assertThat(s3.fields()).filteredOn(ConfigField::secret).extracting(ConfigField::name)
                .containsExactly("secret_access_key");
        assertThat(sftp.fields()).extracting(ConfigField::name).containsExactly(
                "host", "port", "user", "password", "private_key", "path", "host_key");
        assertThat(sftp.fields()).filteredOn(ConfigField::secret).extracting(ConfigField::name)
                .containsExactly("password", "private_key");
        assertThat(sftp.field("host_key")).get().extracting(ConfigField::required).isEqualTo(true);
        assertThat(s3.target()).isFalse();
        assertThat(sftp.target()).isFalse();
    }

    @Test
    void theFsPluginIsOneTargetAndStoreWithOneInfo() {
        PluginInfo target = info(ServiceLoader.load(TargetPlugin.class), "fs");
        PluginInfo store = info(ServiceLoader.load(StorePlugin.class), "fs");

        assertThat(target).isEqualTo(store);
        assertThat(target.target()).isTrue();
        assertThat(target.store()).isTrue();
        assertThat(target.fields()).extracting(ConfigField::name).containsExactly("path", "include", "exclude");
    }

    @Test
    void thePostgresPasswordIsASecret() {
        PluginInfo postgres = info(ServiceLoader.load(TargetPlugin.class), "postgres");

        assertThat(postgres.fields()).extracting(ConfigField::name)
                .containsExactly("host", "port", "user", "password", "database");
        assertThat(postgres.field("password")).get().extracting(ConfigField::secret).isEqualTo(true);
        assertThat(postgres.help()).contains("age -d -i cairn.key OBJECT | zstd -d | pg_restore -d DB");
    }

    @Test
    void theMysqlPasswordIsASecretAndTheSqliteTargetTakesAPath() {
        PluginInfo mysql = info(ServiceLoader.load(TargetPlugin.class), "mysql");
        PluginInfo sqlite = info(ServiceLoader.load(TargetPlugin.class), "sqlite");

        assertThat(mysql.fields()).extracting(ConfigField::name)
                .containsExactly("host", "port", "user", "password", "database");
        assertThat(mysql.field("password")).get().extracting(ConfigField::secret).isEqualTo(true);
        assertThat(mysql.field("port")).get().extracting(ConfigField::defaultValue).isEqualTo("3306");
        assertThat(sqlite.fields()).extracting(ConfigField::name).containsExactly("path");
        assertThat(sqlite.field("path")).get().extracting(ConfigField::required).isEqualTo(true);
    }

    @Test
    void theEnginesAreRegisteredBesideTheirTargets() {
        List<String> engines = ServiceLoader.load(Engine.class).stream().map(provider -> provider.get().plugin()).toList();

        assertThat(engines).containsExactlyInAnyOrder("postgres", "mysql");
        assertThat(names(ServiceLoader.load(TargetPlugin.class))).containsAll(engines);
    }

    private static List<String> names(ServiceLoader<? extends Plugin> loader) {
        return loader.stream().map(provider -> provider.get().info().name()).toList();
    }

    private static PluginInfo info(ServiceLoader<? extends Plugin> loader, String name) {
        return loader.stream().map(provider -> provider.get().info())
                .filter(info -> info.name().equals(name)).findFirst().orElseThrow();
    }
}
