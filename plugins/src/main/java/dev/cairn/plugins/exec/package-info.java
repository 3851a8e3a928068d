/**
 * External plugins: any program in the plugins directory that speaks seed 004's Plugin Calling
 * Protocol becomes a target, a store or both, without a change to Cairn.
 *
 * <p>{@link dev.cairn.plugins.exec.ExternalPluginSource} finds the programs (each answers
 * {@code PROGRAM info} with the seed's JSON; the file name, lower-cased and without extension, is
 * the plugin's short name) and wraps each in a plugin that runs {@code PROGRAM backup},
 * {@code restore}, {@code store}, {@code retrieve --key KEY} and {@code purge --key KEY}: data on
 * stdin and stdout, diagnostics on stderr (copied to the task log), exit status 0 for success, and
 * {@code store}'s reply {@code {"key": …}} as JSON on stdout.
 *
 * <p>Where the endpoint goes: a program whose info declares {@code fields} (Cairn's extension) gets
 * the endpoint JSON in the environment variable {@code CAIRN_ENDPOINT} and no {@code --endpoint},
 * so no secret is on its command line. A program that declares none speaks the seed's protocol
 * unchanged, as SHIELD's plugins do: it gets {@code --endpoint JSON} on its command line (where any
 * local user can read it with {@code ps} while it runs), its endpoint is an opaque object checked by
 * its own {@code validate --endpoint JSON}, and it is an {@link dev.cairn.plugin.OpaqueEndpointPlugin}.
 *
 * <p>Two additions a program may ignore: {@code CAIRN_NAME} holds the name Cairn asks {@code store} to keep the blob under (a program that
 * stores under it and returns it as the key lets Cairn purge a half-written blob after a crash),
 * and programs whose info says {@code "features": {"exists": "yes"}} answer
 * {@code PROGRAM exists --key KEY} with {@code {"exists": true|false}}. Endpoint fields are declared
 * in the info reply under {@code fields}; see {@link dev.cairn.plugins.exec.InfoReply}.
 */
package dev.cairn.plugins.exec;
