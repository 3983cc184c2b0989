package dev.chatgopher.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar chat-gopher.jar token --sub alice --read '*' --write 'team-*' --ttl 1h}: prints a development
 * token signed with the configured HS256 secret, and nothing else on stdout. Never starts the server nor opens
 * the database.
 */
@Command(
        name = "java -jar chat-gopher.jar token",
        description = {
            "Prints a JWT signed with the configured HS256 secret (chat.auth.hmac-secret, CHAT_AUTH_HMAC_SECRET), "
                    + "with chat.auth.issuer and chat.auth.audience when they are set.",
            "Exit status 0: printed; 2: bad usage or no usable secret; 1: the configuration could not be read."
        },
        sortOptions = false)
public final class TokenCommand implements Callable<Integer> {

    /** The exit status of bad usage, as picocli and most Unix tools have it. */
    static final int USAGE = CommandLine.ExitCode.USAGE;

    private static final int CONFIGURATION_UNREADABLE = 1;

    @Option(names = "--sub", required = true, paramLabel = "SUBJECT", description = "Who the token is for (sub).")
    String subject;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "Display name (name), the author of what the holder sends; default: the subject.")
    String displayName;

    @Option(
            names = "--read",
            split = ",",
            paramLabel = "PATTERN",
            description = "Rooms it may read (chat.read): a name, a prefix ending in * (team-*), or * for every "
                    + "room. Repeatable or comma-separated; default: none.")
    List<String> read = new ArrayList<>();

    @Option(
            names = "--write",
            split = ",",
            paramLabel = "PATTERN",
            description = "Rooms it may write (chat.write), as for --read; default: none.")
    List<String> write = new ArrayList<>();

    @Option(
            names = "--ttl",
            paramLabel = "DURATION",
            defaultValue = "1h",
            converter = ConfigDuration.class,
            description = "How long it is valid, in the configuration's syntax (90s, 30m, 1h, 7d); default: 1h.")
    Duration timeToLive;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Print this help and exit.")
    boolean help;

    private final Supplier<Config> configuration;
    private final Clock clock;
    private final PrintWriter out;

    private TokenCommand(Supplier<Config> configuration, Clock clock, PrintWriter out) {
        this.configuration = configuration;
        this.clock = clock;
        this.out = out;
    }

    /** The command as {@code Main} runs it: this process's configuration and clock, stdout and stderr. */
    public static int run(String[] arguments) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return run(arguments, ConfigLoader::load, Clock.systemUTC(), out, err);
    }

    /** Parses {@code arguments}, prints the token (or help) to {@code out} or one line to {@code err}; the exit status. */
    static int run(String[] arguments, Supplier<Config> configuration, Clock clock, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new TokenCommand(configuration, clock, out))
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler((failure, args) -> {
                    err.println("token: " + failure.getMessage() + " (see token --help)");
                    return USAGE;
                })
                .setExecutionExceptionHandler((failure, line, parsed) -> {
                    err.println("token: " + failure.getMessage());
                    return failure instanceof UsageException ? USAGE : CONFIGURATION_UNREADABLE;
                });
        int status = commandLine.execute(arguments);
        out.flush();
        err.flush();
        return status;
    }

    @Override
    public Integer call() {
        Config config = configuration.get();
        String secret = optionalString(config, "chat.auth.hmac-secret");
        if (secret == null) {
            throw new UsageException(
                    "no HS256 secret is configured: set CHAT_AUTH_HMAC_SECRET (chat.auth.hmac-secret), at least "
                            + DevelopmentTokens.MINIMUM_SECRET_BYTES + " bytes");
        }
        DevelopmentTokens tokens;
        try {
            tokens = new DevelopmentTokens(
                    secret,
                    optionalString(config, "chat.auth.issuer"),
                    optionalString(config, "chat.auth.audience"),
                    clock);
        } catch (IllegalArgumentException e) {
            // The message counts the bytes and never repeats the secret.
            throw new UsageException("CHAT_AUTH_HMAC_SECRET (chat.auth.hmac-secret): " + e.getMessage());
        }
        try {
            out.println(tokens.mint(new DevelopmentTokens.Grant(subject, displayName, read, write, timeToLive)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return CommandLine.ExitCode.OK;
    }

    /** As the server reads it ({@link AppSettings#optionalString}), so that the token is one the server accepts. */
    private static String optionalString(Config config, String path) {
        try {
            return AppSettings.optionalString(config, path);
        } catch (ConfigException.WrongType e) {
            throw new UsageException(path + " must be a string");
        }
    }

    /** A mistake of the caller's: exit status 2. */
    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** Reads a duration as {@code application.conf} does (HOCON's duration format), so both speak the same units. */
    static final class ConfigDuration implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            // HOCON reads a bare number as milliseconds: "3600" would be 3.6 s, so a unit is required.
            if (text.strip().chars().allMatch(Character::isDigit)) {
                throw new CommandLine.TypeConversionException("'" + text + "' needs a unit, like 90s, 30m, 1h or 7d");
            }
            try {
                return ConfigFactory.parseMap(Map.of("ttl", text)).getDuration("ttl");
            } catch (ConfigException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + text + "' is not a duration like 90s, 30m, 1h or 7d");
            }
        }
    }
}
