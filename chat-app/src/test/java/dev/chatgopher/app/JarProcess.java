package dev.chatgopher.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable jar ({@code java -jar chat-gopher.jar}) as its own process, in a working directory of the test's,
 * with none of this JVM's {@code DB_*}, {@code APP_*} or {@code CHAT_*} variables: only the environment given.
 * Its stdout and stderr go to {@code out.log} in that directory.
 */
final class JarProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("chat.jar", "target/chat-gopher.jar"));
    static final Duration STARTUP = Duration.ofSeconds(60);

    private static final Pattern LISTENING = Pattern.compile("Listening on http://localhost:(\\d+)");

    private final Process process;
    private final Path log;

    private JarProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The server, started with these JVM options (such as {@code -Dlogback.configurationFile=...}). */
    static JarProcess start(Path workingDirectory, Map<String, String> environment, String... jvmOptions)
            throws IOException {
        Path log = workingDirectory.resolve("out.log");
        ProcessBuilder builder = builder(workingDirectory, environment, List.of(jvmOptions), List.of())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        return new JarProcess(builder.start(), log);
    }

    /** The command line {@code java [jvmOptions] -jar chat-gopher.jar [arguments]}, its output left to the caller. */
    static ProcessBuilder builder(
            Path workingDirectory, Map<String, String> environment, List<String> jvmOptions, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("DB_") || name.startsWith("APP_") || name.startsWith("CHAT_"));
        builder.environment().putAll(environment);
        return builder;
    }

    Process process() {
        return process;
    }

    /** The port of the {@code Listening on} line; fails with the output if the server exits or takes too long. */
    int awaitPort() throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(output());
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not start within " + STARTUP + ":\n" + output());
    }

    /** Waits until the output contains {@code text}; fails if the process ends first or it takes too long. */
    void awaitLog(String text) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!output().contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("the log never said '" + text + "':\n" + output());
            }
            Thread.sleep(50);
        }
    }

    /** Everything the process wrote so far. */
    String output() throws IOException {
        return Files.readString(log);
    }

    /** Kills the process if it still runs (SIGKILL). */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
