package dev.cairn.agent;

import java.net.URI;

/**
 * An agent in its own JVM for {@link AgentKillTest}: {@code AgentProcess CORE_URL NAME}, the token in
 * {@code CAIRN_TOKEN}; it runs until it is killed.
 */
public final class AgentProcess {
    private AgentProcess() {
    }

    public static void main(String[] args) {
        Agent agent = Agent.create(new AgentSettings(URI.create(args[0]), System.getenv("CAIRN_TOKEN"), args[1], null),
                System.err::println);
        System.exit(agent.run());
    }
}
