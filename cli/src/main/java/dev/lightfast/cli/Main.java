package dev.lightfast.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lightfast} command. */
@Command(
        name = "lightfast",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "The operating layer between a software team's agents and its tools.",
        subcommands = {
            ServeCommand.class,
            IngestCommand.class,
            DemoCommand.class,
            RebuildCommand.class,
            McpCommand.class,
            MigrateCommand.class,
            RotateSecretKeyCommand.class,
            BackfillCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Lucene logs through java.util.logging; send it where every other library's lines go.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("lightfast: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    return 1;
                })
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
