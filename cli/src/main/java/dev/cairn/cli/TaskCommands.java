package dev.cairn.cli;

import static dev.cairn.cli.Fields.text;
import static dev.cairn.cli.Fields.time;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** Commands on tasks: the backups and restores the server runs, with their logs. */
final class TaskCommands {

    private TaskCommands() {
    }

    /** {@code --all | --status S}; neither means the tasks still to finish. */
    static final class Selection {

        @Option(names = "--all", required = true, description = "All tasks, finished ones too.")
        boolean all;

        @Option(names = "--status", required = true, paramLabel = "STATUS",
                description = "Only tasks in this status: pending, running, canceled, failed or done.")
        TaskStatus status;
    }

    @Command(name = "tasks", aliases = "task",
            description = "List tasks; by default those pending or running.")
    static final class ListTasks extends ApiCommand {

        @ArgGroup(exclusive = true)
        Selection selection;

        @Override
        public Integer call() {
            if (selection == null) {
                List<JsonNode> unfinished = new ArrayList<>(byStatus(TaskStatus.PENDING));
                unfinished.addAll(byStatus(TaskStatus.RUNNING));
                // Two lists merged: put them back in the order the tasks were asked for.
                unfinished.sort(Comparator.comparing((JsonNode task) -> time(task, "requested_at"),
                        Comparator.nullsLast(Comparator.naturalOrder())));
                return printList("pending or running tasks", unfinished, TaskCommands::table);
            }
            ApiPath path = selection.all ? Kind.TASK.listPath() : Kind.TASK.listPath().with("status", selection.status.wire());
            return list(Kind.TASK, path, TaskCommands::table);
        }

        private List<JsonNode> byStatus(TaskStatus status) {
            return api().list(Kind.TASK.listPath().with("status", status.wire()));
        }
    }

    @Command(name = "task", aliases = "tasks", description = "Show a task and its log.")
    static final class ShowTask extends ApiCommand {

        @Parameters(paramLabel = "TASK", description = "The task's uuid, a unique prefix of it, or 'latest'.")
        String task;

        @Override
        public Integer call() {
            return show(Kind.TASK, task, TaskCommands::details);
        }
    }

    @Command(name = "task", aliases = "tasks", description = "Cancel a pending or running task.")
    static final class CancelTask extends ApiCommand {

        @Parameters(paramLabel = "TASK", description = "The task's uuid, a unique prefix of it, or 'latest'.")
        String task;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.TASK, task);
            return report(api().delete(Kind.TASK.itemPath(item.uuid())), "canceled task " + item.uuid());
        }
    }

    static Table table(List<JsonNode> tasks) {
        Table table = Table.withColumns("UUID", "TYPE", "STATUS", "JOB", "TARGET", "OWNER", "REQUESTED AT", "STARTED AT",
                "STOPPED AT", "REASON");
        tasks.forEach(task -> table.row(text(task, "uuid"), text(task, "type"), text(task, "status"),
                text(task, "job_name"), text(task, "target_name"), text(task, "owner"), time(task, "requested_at"),
                time(task, "started_at"), time(task, "stopped_at"), text(task, "reason")));
        return table;
    }

    static Details details(JsonNode task) {
        String reason = text(task, "reason");
        return new Details()
                .field("UUID", text(task, "uuid"))
                .field("Type", text(task, "type"))
                .field("Status", text(task, "status"))
                .field("Owner", text(task, "owner"))
                .field("Job", Fields.nameAndUuid(task, "job_name", "job_uuid"))
                .field("Archive", text(task, "archive_uuid"))
                .field("Target", Fields.nameAndUuid(task, "target_name", "target_uuid"))
                .field("Reason", reason == null || reason.isEmpty() ? null : reason)
                .field("Requested at", time(task, "requested_at"))
                .field("Started at", time(task, "started_at"))
                .field("Stopped at", time(task, "stopped_at"))
                .section("Log", text(task, "log"));
    }
}
