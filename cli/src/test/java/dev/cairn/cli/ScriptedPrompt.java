package dev.cairn.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A person at a terminal who answers each question with the next of the answers given, and whose questions are kept. */
final class ScriptedPrompt implements Prompt {

    private final Deque<String> answers;
    private final List<String> asked = new ArrayList<>();

    ScriptedPrompt(String... answers) {
        this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public String line(String label) {
        asked.add(label);
        return answers.poll();
    }

    @Override
    public char[] secret(String label) {
        asked.add(label);
        String answer = answers.poll();
        return answer == null ? null : answer.toCharArray();
    }

    @Override
    public boolean available() {
        return true;
    }

    List<String> asked() {
        return List.copyOf(asked);
    }
}
