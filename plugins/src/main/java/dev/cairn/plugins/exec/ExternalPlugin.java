package dev.cairn.plugins.exec;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.OpaqueEndpointPlugin;
import dev.cairn.plugin.Plugin;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.StorePlugin;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * A plugin that is an external program: a {@link TargetPlugin}, a {@link StorePlugin} or both, as
 * the program's {@code info} says, each call running the program once.
 */
interface ExternalPlugin extends Plugin {

    /** The program this plugin runs. */
    PluginProgram program();

    @Override
    default PluginInfo info() {
        return program().info();
    }

    /**
     * The plugin for {@code program}, implementing exactly the roles its info claims; a program that
     * declares no fields speaks the seed's protocol and takes an {@link OpaqueEndpointPlugin opaque} endpoint.
     */
    static ExternalPlugin of(PluginProgram program) {
        PluginInfo info = program.info();
        if (program.seedProtocol()) {
            if (info.target() && info.store()) {
                return new SeedTargetAndStore(program);
            }
            return info.target() ? new SeedTarget(program) : new SeedStore(program);
        }
        if (info.target() && info.store()) {
            return new TargetAndStore(program);
        }
        return info.target() ? new Target(program) : new Store(program);
    }

    /** A program that declares no fields: its endpoint is one JSON object, checked by its own {@code validate}. */
    interface SeedProtocol extends ExternalPlugin, OpaqueEndpointPlugin {
        @Override
        default void validate(Map<String, Object> endpoint) {
            program().validate(endpoint);
        }

        @Override
        default boolean endpointOnCommandLine() {
            return true;
        }
    }

    /** The target half: backup and restore run the program. */
    interface TargetRole extends ExternalPlugin, TargetPlugin {
        @Override
        default void backup(Endpoint endpoint, OutputStream out, TaskContext context) throws IOException {
            program().backup(endpoint, out, context);
        }

        @Override
        default void restore(Endpoint endpoint, InputStream in, TaskContext context) throws IOException {
            program().restore(endpoint, in, context);
        }
    }

    /** The store half: store, retrieve, purge and exists run the program. */
    interface StoreRole extends ExternalPlugin, StorePlugin {
        @Override
        default String store(Endpoint endpoint, String name, InputStream in, TaskContext context) throws IOException {
            return program().store(endpoint, name, in, context);
        }

        @Override
        default InputStream retrieve(Endpoint endpoint, String key) {
            return program().retrieve(endpoint, key);
        }

        @Override
        default void purge(Endpoint endpoint, String key) {
            program().purge(endpoint, key);
        }

        @Override
        default boolean exists(Endpoint endpoint, String key) throws IOException {
            return program().exists(endpoint, key);
        }
    }

    /** A program that is only a target. */
    record Target(PluginProgram program) implements TargetRole {
    }

    /** A program that is only a store. */
    record Store(PluginProgram program) implements StoreRole {
    }

    /** A program that is both, under one name and one info. */
    record TargetAndStore(PluginProgram program) implements TargetRole, StoreRole {
    }

    /** A seed-protocol program that is only a target. */
    record SeedTarget(PluginProgram program) implements TargetRole, SeedProtocol {
    }

    /** A seed-protocol program that is only a store. */
    record SeedStore(PluginProgram program) implements StoreRole, SeedProtocol {
    }

    /** A seed-protocol program that is both. */
    record SeedTargetAndStore(PluginProgram program) implements TargetRole, StoreRole, SeedProtocol {
    }
}
