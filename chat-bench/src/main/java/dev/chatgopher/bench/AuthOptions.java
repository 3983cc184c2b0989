package dev.chatgopher.bench;

import picocli.CommandLine.Option;

/** {@code --auth-secret}: the scenarios that can run with tokens on (publish, fanout, connections). */
final class AuthOptions {

    // No ${DEFAULT-VALUE} in the description: --help must not print a secret taken from the environment.
    @Option(
            names = "--auth-secret",
            paramLabel = "SECRET",
            defaultValue = "${env:CHAT_BENCH_AUTH_SECRET}",
            description = "Tokens on: the HS256 secret (at least 32 bytes; default: the environment variable "
                    + "CHAT_BENCH_AUTH_SECRET, which keeps it out of the process list). Every connection sends a "
                    + "token of its own; a spawned server verifies them (CHAT_AUTH_MODE=token) with limits far above "
                    + "the bench's. Without it: no tokens, the same traffic as ever.")
    String secret;

    BenchTokens tokens() {
        return BenchTokens.of(secret);
    }
}
