package dev.cairn.cli;

/** The kinds of item the API keeps, with the paths it keeps them under. */
enum Kind {
    TARGET("target", "targets", "targets", "target", true),
    STORE("store", "stores", "stores", "store", true),
    SCHEDULE("schedule", "schedules", "schedules", "schedule", true),
    RETENTION("retention policy", "retention policies", "retention", "retention", true),
    JOB("job", "jobs", "jobs", "job", true),
    ARCHIVE("archive", "archives", "archives", "archive", false),
    TASK("task", "tasks", "tasks", "task", false),
    USER("user", "users", "users", "user", true),
    TEAM("team", "teams", "teams", "team", true),
    /** Where notifications go (admins only). */
    NOTIFICATION("notification channel", "notification channels", "notifications", "notification", true),
    /** The signed-in user's own API tokens. */
    TOKEN("token", "tokens", "me/tokens", "me/token", true);

    private final String label;
    private final String pluralLabel;
    private final String collection;
    private final String item;
    private final boolean named;

    Kind(String label, String pluralLabel, String collection, String item, boolean named) {
        this.label = label;
        this.pluralLabel = pluralLabel;
        this.collection = collection;
        this.item = item;
        this.named = named;
    }

    /** How messages name one item of this kind: "retention policy". */
    String label() {
        return label;
    }

    /** How messages name several: "retention policies". */
    String pluralLabel() {
        return pluralLabel;
    }

    /** Whether items carry a {@code name} a user can refer to them by. */
    boolean named() {
        return named;
    }

    ApiPath listPath() {
        return ApiPath.of("/v1/" + collection);
    }

    String itemPath(String uuid) {
        return "/v1/" + item + "/" + uuid;
    }
}
