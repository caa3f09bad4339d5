package dev.lightfast.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./lightfast bench <name>}. */
@Command(
        name = "lightfast bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks, run against a real server in this process.",
        subcommands = {
            IngestBenchmark.class,
            ScaleBenchmark.class,
            CatchUpBenchmark.class,
            GraphBenchmark.class,
            RetrievalEvaluation.class,
            McpBenchmark.class,
            ConsoleBenchmark.class,
            RulesBenchmark.class,
            dev.lightfast.bench.risk.RiskBacktest.class,
            WebhooksBenchmark.class,
            BackfillBenchmark.class,
            DictionaryTraining.class,
            dev.lightfast.bench.demo.DemoHistoryGenerator.class
        })
public final class Benchmarks implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Lucene logs through java.util.logging; send it where every other library's lines go.
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        System.exit(new CommandLine(new Benchmarks()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
