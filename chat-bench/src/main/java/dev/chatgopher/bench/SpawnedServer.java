package dev.chatgopher.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server jar started by the bench (on 127.0.0.1, a free port), and stopped with SIGTERM at the end. */
final class SpawnedServer implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration SHUTDOWN = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final URI baseUri;
    private final String jvmOptions;

    private SpawnedServer(Process process, Path log, URI baseUri, String jvmOptions) {
        this.process = process;
        this.log = log;
        this.baseUri = baseUri;
        this.jvmOptions = jvmOptions;
    }

    static SpawnedServer start(Path jar, String jvmOptions, Map<String, String> environment)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("server jar " + jar.toAbsolutePath()
                    + " not found: build it with ./mvnw -q package -DskipTests, or pass --server-jar");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.removeIf(String::isEmpty);
        Path log = Files.createTempFile("chat-bench-server-", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("DB_") || name.startsWith("APP_") || name.startsWith("CHAT_"));
        builder.environment().putAll(environment);
        builder.environment().put("APP_HOST", "127.0.0.1");
        builder.environment().put("APP_PORT", "0");
        Process process = builder.start();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(Files.readString(log));
            if (listening.find()) {
                return new SpawnedServer(
                        process, log, URI.create("http://127.0.0.1:" + listening.group(1)), jvmOptions);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the server exited with status " + process.exitValue() + ":\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException(
                "the server did not start within " + STARTUP.toSeconds() + " s; its log is " + log);
    }

    URI baseUri() {
        return baseUri;
    }

    long pid() {
        return process.pid();
    }

    String jvmOptions() {
        return jvmOptions;
    }

    /** Asks the server JVM for a full collection (jcmd), so that heap figures show live data only. */
    void collectGarbage() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        gc.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(SHUTDOWN.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            System.err.println("chat-bench: the server did not stop within " + SHUTDOWN.toSeconds()
                    + " s of SIGTERM; killed. Log: " + log);
            return;
        }
        Files.deleteIfExists(log);
    }
}
