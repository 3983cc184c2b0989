package dev.chatgopher.bench;

import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar chat-bench.jar <scenario> [--spawn | --url URL] [options]}: the benchmark's command line. */
@Command(
        name = "chat-bench",
        mixinStandardHelpOptions = true,
        version = "chat-bench 0.1",
        description = "Measures a Chat Gopher server: every scenario is bounded in time and count, prints progress, "
                + "and ends with a human table and one JSON summary. Exit status 0: completed with zero correctness "
                + "violations; 2: completed with violations; 1: could not run.",
        subcommands = {
            PublishScenario.class,
            FanoutScenario.class,
            ConnectionsScenario.class,
            HistoryScenario.class,
            BaselineScenario.class,
            FaultsScenario.class
        })
public final class ChatBench implements Runnable {

    public static void main(String[] args) {
        QuietLogging.apply();
        System.exit(commandLine().execute(args));
    }

    /** The command line with its converters and error handling: what {@code main} runs, and tests in-process. */
    static CommandLine commandLine() {
        return new CommandLine(new ChatBench())
                .registerConverter(Duration.class, DurationText::parse)
                .setExecutionExceptionHandler((failure, line, parsed) -> {
                    System.err.println(
                            "chat-bench: " + (failure.getMessage() == null ? failure : failure.getMessage()));
                    if (System.getenv("CHAT_BENCH_DEBUG") != null) {
                        failure.printStackTrace();
                    }
                    return 1;
                });
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
