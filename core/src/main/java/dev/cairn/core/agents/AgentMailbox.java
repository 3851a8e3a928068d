package dev.cairn.core.agents;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** What waits for one agent's next poll: work to start and work to stop. A held poll wakes as soon as either arrives. */
final class AgentMailbox {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<RemoteWork> pending = new ArrayDeque<>();
    private final List<UUID> cancels = new ArrayList<>();

    void post(RemoteWork work) {
        lock.lock();
        try {
            pending.addLast(work);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Takes {@code work} back before an agent took it; false when it was already taken. */
    boolean withdraw(RemoteWork work) {
        lock.lock();
        try {
            return pending.remove(work);
        } finally {
            lock.unlock();
        }
    }

    /** Tells the agent, at its next poll, to stop {@code work}. */
    void cancel(UUID work) {
        lock.lock();
        try {
            cancels.add(work);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code hold} for work or cancellations, and hands out the first work and every cancellation. */
    PollReply take(Duration hold) throws InterruptedException {
        long remaining = hold.toNanos();
        lock.lock();
        try {
            while (pending.isEmpty() && cancels.isEmpty() && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            RemoteWork next = pending.pollFirst();
            if (next != null) {
                next.dispatch();
            }
            List<UUID> stop = List.copyOf(cancels);
            cancels.clear();
            return new PollReply(next == null ? null : next.order(), stop);
        } finally {
            lock.unlock();
        }
    }
}
