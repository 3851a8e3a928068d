package dev.cairn.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends a work's log lines to the core in batches, at most every half second, on its own thread;
 * {@link #close} sends what is left. A line the core cannot take is reported once to the agent's
 * own output, never retried without end.
 */
final class LogShipper implements AutoCloseable {
    private static final int BATCH = 200;
    private static final String STOP = new String("stop");

    private final CoreClient core;
    private final UUID work;
    private final Consumer<String> say;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread sender;
    private boolean complained;

    LogShipper(CoreClient core, UUID work, Consumer<String> say) {
        this.core = core;
        this.work = work;
        this.say = say;
        this.sender = Thread.ofVirtual().name("log-" + work).start(this::run);
    }

    void add(String line) {
        lines.add(line);
    }

    private void run() {
        boolean stopping = false;
        while (!stopping) {
            List<String> batch = new ArrayList<>();
            try {
                String first = lines.poll(500, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                }
            } catch (InterruptedException e) {
                stopping = true;
            }
            lines.drainTo(batch, BATCH);
            stopping |= batch.removeIf(line -> line == STOP);
            if (!batch.isEmpty()) {
                send(batch);
            }
        }
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        rest.removeIf(line -> line == STOP);
        if (!rest.isEmpty()) {
            send(rest);
        }
    }

    private void send(List<String> batch) {
        try {
            core.log(work, batch);
        } catch (IOException e) {
            if (!complained) {
                complained = true;
                say.accept("cannot send the log of work " + work + " to the core: " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        lines.add(STOP);
        try {
            sender.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
