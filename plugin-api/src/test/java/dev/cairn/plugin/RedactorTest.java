package dev.cairn.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static String masked(String text, String... secrets) {
        Redactor redactor = new Redactor(Redactor.MASK);
        for (String secret : secrets) {
            redactor.add(secret);
        }
        return redactor.mask(text);
    }

    @Test
    void a_secret_that_is_part_of_a_longer_word_is_left_alone() {
        assertThat(masked("/usr/lib/postgresql/15/bin/pg_dump exited with 1", "postgres"))
                .isEqualTo("/usr/lib/postgresql/15/bin/pg_dump exited with 1");
        assertThat(masked("pg_dump exited", "x")).isEqualTo("pg_dump exited");
    }

    @Test
    void a_secret_standing_whole_is_masked_wherever_it_appears() {
        assertThat(masked("postgresql://fred:hunter2@db:5432/shop (password hunter2)", "hunter2"))
                .isEqualTo("postgresql://fred:********@db:5432/shop (password ********)");
        assertThat(masked("PGPASSWORD=x pg_dump", "x")).isEqualTo("PGPASSWORD=******** pg_dump");
        assertThat(masked("hunter2", "hunter2")).isEqualTo("********");
    }

    @Test
    void a_secret_with_punctuation_at_its_edge_is_masked_even_when_glued_to_a_word() {
        assertThat(masked("key=abc!def!tail", "!def!")).isEqualTo("key=abc********tail");
    }

    @Test
    void the_longest_secret_is_masked_whole_first() {
        assertThat(masked("token abc-def and abc", "abc", "abc-def")).isEqualTo("token ******** and ********");
    }

    @Test
    void a_secret_equal_to_a_public_field_is_not_a_secret_to_mask() {
        PluginInfo info = new PluginInfo("pg", null, null, null, true, false, List.of(
                ConfigField.required("user", ConfigField.Type.STRING, "user"),
                ConfigField.secret("password", true, "password")), null);
        assertThat(new Endpoint(info, Map.of("user", "postgres", "password", "postgres")).secrets()).isEmpty();
        assertThat(new Endpoint(info, Map.of("user", "fred", "password", "postgres")).secrets())
                .containsExactly("postgres");
    }
}
