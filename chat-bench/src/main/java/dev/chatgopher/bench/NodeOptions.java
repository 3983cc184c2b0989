package dev.chatgopher.bench;

import picocli.CommandLine.Option;

/** {@code --nodes N}: how many server processes to spawn on the one PostgreSQL database. */
final class NodeOptions {

    @Option(
            names = "--nodes",
            defaultValue = "1",
            description =
                    "Server processes to spawn on the one PostgreSQL database (--spawn --db postgres), with"
                            + " connections spread round robin over them; 1 measures one server as before (default: ${DEFAULT-VALUE}).")
    int count;
}
