package dev.cairn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The verbs of {@code cairn VERB NOUN}: each only groups the nouns it applies to, which do the
 * work; a verb given without a noun is a usage error that lists the nouns.
 */
final class Verbs {

    private Verbs() {
    }

    abstract static class VerbCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean helpRequested;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), spec.qualifiedName() + " what? Give one of: "
                    + String.join(", ", UsageErrorHandler.subcommandNames(spec.commandLine())));
        }
    }

    @Command(name = "create", synopsisSubcommandLabel = "NOUN",
            description = "Create a target, store, schedule, retention policy or job; a user, a team or an API token; "
                    + "an image or a throw-away instance.",
            subcommands = {TargetCommands.CreateTarget.class, StoreCommands.CreateStore.class,
                    ScheduleCommands.CreateSchedule.class, RetentionCommands.CreatePolicy.class,
                    JobCommands.CreateJob.class, UserCommands.CreateUser.class, TeamCommands.CreateTeam.class,
                    TokenCommands.CreateToken.class, InstanceCommands.CreateImage.class,
                    InstanceCommands.CreateInstance.class, NotificationCommands.CreateChannel.class})
    static final class CreateVerb extends VerbCommand {
    }

    @Command(name = "list", synopsisSubcommandLabel = "NOUN",
            description = "List targets, stores, schedules, retention policies, jobs, archives, tasks, plugins or agents; "
                    + "users, teams, your API tokens or the audit log; images or instances.",
            subcommands = {TargetCommands.ListTargets.class, StoreCommands.ListStores.class,
                    ScheduleCommands.ListSchedules.class, RetentionCommands.ListPolicies.class,
                    JobCommands.ListJobs.class, ArchiveCommands.ListArchives.class, TaskCommands.ListTasks.class,
                    PluginCommands.ListPlugins.class, AgentCommands.ListAgents.class, UserCommands.ListUsers.class,
                    TeamCommands.ListTeams.class, TokenCommands.ListTokens.class, AuditCommands.ListAudit.class,
                    InstanceCommands.ListImages.class, InstanceCommands.ListInstances.class, NotificationCommands.ListChannels.class})
    static final class ListVerb extends VerbCommand {
    }

    @Command(name = "show", synopsisSubcommandLabel = "NOUN",
            description = "Show one target, store, schedule, retention policy, job, archive, task or plugin; a user or a team; "
                    + "an image or an instance; a target's sanitising rules.",
            subcommands = {TargetCommands.ShowTarget.class, StoreCommands.ShowStore.class,
                    ScheduleCommands.ShowSchedule.class, RetentionCommands.ShowPolicy.class,
                    JobCommands.ShowJob.class, ArchiveCommands.ShowArchive.class, TaskCommands.ShowTask.class,
                    PluginCommands.ShowPlugin.class, UserCommands.ShowUser.class, TeamCommands.ShowTeam.class,
                    InstanceCommands.ShowImage.class, InstanceCommands.ShowInstance.class, NotificationCommands.ShowChannel.class,
                    RulesCommands.ShowRules.class})
    static final class ShowVerb extends VerbCommand {
    }

    @Command(name = "edit", synopsisSubcommandLabel = "NOUN",
            description = "Change a target, store, schedule, retention policy or job, an archive's notes, or a target's "
                    + "sanitising rules.",
            subcommands = {TargetCommands.EditTarget.class, StoreCommands.EditStore.class,
                    ScheduleCommands.EditSchedule.class, RetentionCommands.EditPolicy.class,
                    JobCommands.EditJob.class, ArchiveCommands.EditArchive.class, RulesCommands.EditRules.class})
    static final class EditVerb extends VerbCommand {
    }

    @Command(name = "delete", synopsisSubcommandLabel = "NOUN",
            description = "Delete a target, store, schedule, retention policy, job or archive; a user or a team; an image or an "
                    + "instance.",
            subcommands = {TargetCommands.DeleteTarget.class, StoreCommands.DeleteStore.class,
                    ScheduleCommands.DeleteSchedule.class, RetentionCommands.DeletePolicy.class,
                    JobCommands.DeleteJob.class, ArchiveCommands.DeleteArchive.class, UserCommands.DeleteUser.class,
                    TeamCommands.DeleteTeam.class, InstanceCommands.DeleteImage.class, InstanceCommands.DeleteInstance.class, NotificationCommands.DeleteChannel.class})
    static final class DeleteVerb extends VerbCommand {
    }

    @Command(name = "pause", synopsisSubcommandLabel = "NOUN",
            description = "Pause a job: its schedule stops starting backups.",
            subcommands = JobCommands.PauseJob.class)
    static final class PauseVerb extends VerbCommand {
    }

    @Command(name = "unpause", synopsisSubcommandLabel = "NOUN",
            description = "Unpause a job: its schedule starts backups again.",
            subcommands = JobCommands.UnpauseJob.class)
    static final class UnpauseVerb extends VerbCommand {
    }

    @Command(name = "run", synopsisSubcommandLabel = "NOUN",
            description = "Run a job's backup now.",
            subcommands = JobCommands.RunJob.class)
    static final class RunVerb extends VerbCommand {
    }

    @Command(name = "restore", synopsisSubcommandLabel = "NOUN",
            description = "Restore an archive into its target or another one.",
            subcommands = ArchiveCommands.RestoreArchive.class)
    static final class RestoreVerb extends VerbCommand {
    }

    @Command(name = "verify", synopsisSubcommandLabel = "NOUN",
            description = "Verify an archive: read back, checksum, decrypt and decompress, restore nothing.",
            subcommands = ArchiveCommands.VerifyArchive.class)
    static final class VerifyVerb extends VerbCommand {
    }

    @Command(name = "test", synopsisSubcommandLabel = "NOUN",
            description = "Self-test a store, test a target's connection, or send a test notification.",
            subcommands = {TargetCommands.TestTarget.class, StoreCommands.TestStore.class,
                    NotificationCommands.TestChannel.class})
    static final class TestVerb extends VerbCommand {
    }

    @Command(name = "add", synopsisSubcommandLabel = "NOUN",
            description = "Add a member to a team, with a role.",
            subcommands = TeamCommands.AddMember.class)
    static final class AddVerb extends VerbCommand {
    }

    @Command(name = "remove", synopsisSubcommandLabel = "NOUN",
            description = "Take a member out of a team.",
            subcommands = TeamCommands.RemoveMember.class)
    static final class RemoveVerb extends VerbCommand {
    }

    @Command(name = "revoke", synopsisSubcommandLabel = "NOUN",
            description = "Revoke one of your API tokens.",
            subcommands = TokenCommands.RevokeToken.class)
    static final class RevokeVerb extends VerbCommand {
    }

    @Command(name = "reset", synopsisSubcommandLabel = "NOUN",
            description = "Put an instance back to its image's state.",
            subcommands = InstanceCommands.ResetInstance.class)
    static final class ResetVerb extends VerbCommand {
    }

    @Command(name = "cancel", synopsisSubcommandLabel = "NOUN",
            description = "Cancel a pending or running task.",
            subcommands = TaskCommands.CancelTask.class)
    static final class CancelVerb extends VerbCommand {
    }
}
