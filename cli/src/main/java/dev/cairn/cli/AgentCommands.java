package dev.cairn.cli;

import static dev.cairn.cli.Fields.text;

import java.util.List;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** Commands on agents: the programs next to data systems that run the work of the targets naming them. */
final class AgentCommands {

    private AgentCommands() {
    }

    @Command(name = "agents", aliases = "agent",
            description = "List the agents that have polled the server, with their health and plugins.")
    static final class ListAgents extends ApiCommand {

        @Override
        public Integer call() {
            return printList("agents", api().list(ApiPath.of("/v1/agents")), AgentCommands::table);
        }
    }

    static Table table(List<JsonNode> agents) {
        Table table = Table.withColumns("NAME", "HEALTH", "PLUGINS", "LAST SEEN", "RUNNING");
        agents.forEach(agent -> table.row(text(agent, "name"),
                agent.path("healthy").asBoolean(false) ? "healthy" : "GONE",
                String.join(", ", agent.path("plugins").valueStream().map(JsonNode::asString).toList()),
                text(agent, "last_seen"), text(agent, "running")));
        return table;
    }
}
