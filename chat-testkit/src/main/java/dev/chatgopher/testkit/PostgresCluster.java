package dev.chatgopher.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for fault tests: {@code initdb} into a temporary directory, one postmaster on a
 * free port of 127.0.0.1 with its Unix socket in a directory of its own, and the faults a database server has:
 * stopped ({@link #stop()}), frozen ({@link #freeze()}: SIGSTOP, so connections hang instead of failing) and its
 * connections cut ({@link #terminateBackends}). {@link #close()} removes it all; when the JVM ends without
 * closing it, a shutdown hook does, and when the JVM is killed, a small watchdog process does.
 *
 * <p>{@code initdb} and {@code pg_ctl} refuse to run as root: as root they run as the {@code postgres} user
 * ({@code runuser}) on a directory it owns, otherwise as the current user.
 */
public final class PostgresCluster implements AutoCloseable {

    /** Environment variable: where clusters are created (default {@code java.io.tmpdir}); as root, the postgres user must reach it. */
    public static final String PARENT_DIRECTORY_VARIABLE = "CHAT_PG_CLUSTER_DIR";

    private static final String SUPERUSER = "postgres";
    private static final String OS_OWNER = "postgres";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
    private static final String PG_CTL_WAIT_SECONDS = "60";
    private static final Duration STOPPED_STATE_TIMEOUT = Duration.ofSeconds(5);

    /** Stops the cluster when the JVM that started it is gone, and removes its directory (kill -9 runs no hooks). */
    private static final String WATCHDOG = """
            trap '' HUP INT
            jvm=$1 directory=$2 data=$3; shift 3
            while kill -0 "$jvm" 2>/dev/null && [ -d "$directory" ]; do sleep 1; done
            [ -d "$directory" ] || exit 0
            pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null)
            if [ -n "$pid" ]; then
                kill -CONT $(pgrep -P "$pid") "$pid" 2>/dev/null
                "$@" >/dev/null 2>&1 || kill -KILL "$pid" 2>/dev/null
            fi
            rm -rf "$directory"
            """;

    private final Path binaries;
    private final Path directory;
    private final Path data;
    private final Path sockets;
    private final Path log;
    private final int port;
    private final List<String> runAsOwner;
    private final Thread shutdownHook = new Thread(this::destroy, "postgres-cluster-cleanup");

    private long postmasterPid;
    private List<Long> frozen = List.of();
    private boolean closed;

    private PostgresCluster(Path binaries, Path directory, int port, List<String> runAsOwner) {
        this.binaries = binaries;
        this.directory = directory;
        this.data = directory.resolve("data");
        this.sockets = directory.resolve("socket");
        this.log = directory.resolve("postgres.log");
        this.port = port;
        this.runAsOwner = runAsOwner;
    }

    /**
     * Creates a cluster in a new temporary directory and starts it.
     *
     * @throws PostgresUnavailableException when this machine lacks the PostgreSQL binaries (or, as root, runuser
     *                                      or a postgres user)
     */
    public static PostgresCluster create() {
        Path binaries = locateBinaries()
                .orElseThrow(
                        () -> new PostgresUnavailableException(
                                "PostgreSQL binaries not found (no initdb and pg_ctl in pg_config --bindir or /usr/lib/postgresql/*/bin): install the postgresql package"));
        List<String> runAsOwner = isRoot() ? runAsPostgresUser() : List.of();
        Path directory = createDirectory(runAsOwner);
        PostgresCluster cluster = new PostgresCluster(binaries, directory, freePort(), runAsOwner);
        try {
            cluster.watchOverJvm();
            Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
            cluster.initialize();
            cluster.start();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The folder holding initdb and pg_ctl: {@code pg_config --bindir}, else the newest {@code /usr/lib/postgresql/<version>/bin}. */
    public static Optional<Path> locateBinaries() {
        try {
            Path configured = Path.of(run("pg_config --bindir", List.of("pg_config", "--bindir"), null, null)
                    .trim());
            if (hasServerTools(configured)) {
                return Optional.of(configured);
            }
        } catch (RuntimeException notInstalled) {
            // Debian installs pg_config with libpq-dev only; the server binaries may still be there.
        }
        return newestBinaries(Path.of("/usr/lib/postgresql"));
    }

    /** The {@code <version>/bin} folder under {@code root} with the highest version that has initdb and pg_ctl. */
    static Optional<Path> newestBinaries(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(version -> version.getFileName().toString().matches("\\d+(\\.\\d+)*"))
                    .map(version -> version.resolve("bin"))
                    .filter(PostgresCluster::hasServerTools)
                    .max(Comparator.comparing(
                            bin -> bin.getParent().getFileName().toString(), PostgresCluster::compareVersions));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    static int compareVersions(String left, String right) {
        int[] a = Arrays.stream(left.split("\\.")).mapToInt(Integer::parseInt).toArray();
        int[] b = Arrays.stream(right.split("\\.")).mapToInt(Integer::parseInt).toArray();
        return Arrays.compare(a, b);
    }

    /** The port the postmaster listens on, on 127.0.0.1; the same after a restart. */
    public int port() {
        return port;
    }

    /** A JDBC URL for {@code database} as the superuser {@code postgres}, who needs no password here. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
    }

    /** The cluster's directory: data, socket and server log. Gone after {@link #close()}. */
    public Path directory() {
        return directory;
    }

    /** The postmaster's process id. */
    public synchronized long postmasterPid() {
        requireRunning();
        return postmasterPid;
    }

    public synchronized boolean isRunning() {
        return postmasterPid != 0;
    }

    public synchronized boolean isFrozen() {
        return !frozen.isEmpty();
    }

    /** Creates an empty database owned by {@code postgres}. */
    public synchronized void createDatabase(String name) {
        requireResponsive();
        psql("create database :\"name\";", Map.of("name", name));
    }

    /** Starts the cluster again after {@link #stop()}, on the same port with the same data; does nothing when it runs. */
    public synchronized void start() {
        requireOpen();
        if (postmasterPid != 0) {
            return;
        }
        String options = "-p " + port + " -k '" + sockets + "' -c listen_addresses=127.0.0.1";
        try {
            runAsOwner(
                    "pg_ctl start",
                    tool("pg_ctl"),
                    "-w",
                    "-t",
                    PG_CTL_WAIT_SECONDS,
                    "-D",
                    data.toString(),
                    "-l",
                    log.toString(),
                    "-o",
                    options,
                    "start");
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\nServer log " + log + ":\n" + tail(log), e);
        }
        postmasterPid = readPostmasterPid();
    }

    /** The fault "stopped": a fast shutdown ({@code pg_ctl stop -m fast}); connecting is then refused. Thaws first when frozen. */
    public synchronized void stop() {
        requireOpen();
        if (postmasterPid == 0) {
            return;
        }
        thaw();
        pgCtlStop("fast");
        postmasterPid = 0;
    }

    /** {@code pg_ctl stop -m MODE}, waiting for the postmaster to end. */
    private void pgCtlStop(String mode) {
        runAsOwner(
                "pg_ctl stop",
                tool("pg_ctl"),
                "-w",
                "-t",
                PG_CTL_WAIT_SECONDS,
                "-D",
                data.toString(),
                "stop",
                "-m",
                mode);
    }

    /**
     * The fault "frozen": SIGSTOP to the postmaster, then to all its children. Connections stay open and new ones
     * are accepted by the kernel, but nothing answers until {@link #thaw()}.
     */
    public synchronized void freeze() {
        requireRunning();
        if (!frozen.isEmpty()) {
            return;
        }
        List<Long> stopped = new ArrayList<>();
        signal("STOP", List.of(postmasterPid), true);
        stopped.add(postmasterPid);
        // Once the postmaster is stopped it forks no more, so the list of its children holds still.
        awaitStoppedState(postmasterPid);
        List<Long> children = ProcessHandle.of(postmasterPid).stream()
                .flatMap(ProcessHandle::children)
                .map(ProcessHandle::pid)
                .toList();
        signal("STOP", children, false);
        stopped.addAll(children);
        frozen = List.copyOf(stopped);
    }

    /** Ends a {@link #freeze()}: SIGCONT in the reverse order, the children first and the postmaster last. Does nothing when not frozen. */
    public synchronized void thaw() {
        if (frozen.isEmpty()) {
            return;
        }
        List<Long> reversed = new ArrayList<>(frozen);
        Collections.reverse(reversed);
        signal("CONT", reversed.subList(0, reversed.size() - 1), false);
        signal("CONT", List.of(reversed.getLast()), true);
        frozen = List.of();
    }

    /**
     * The fault "kick": terminates every backend connected to {@code database}, from a fresh connection
     * ({@code pg_terminate_backend}). Their clients see SQLSTATE 57P01 or a broken connection.
     *
     * @return how many backends were told to terminate
     */
    public synchronized int terminateBackends(String database) {
        requireResponsive();
        // A backend that exits between the listing and the signal makes pg_terminate_backend warn
        // ("is not a PostgreSQL backend process") on the output this method parses: such warnings are muted.
        String count = psql(
                "set client_min_messages = error;"
                        + " select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity"
                        + " where datname = :'name' and pid <> pg_backend_pid();",
                Map.of("name", database));
        return Integer.parseInt(count.trim());
    }

    /** Thaws when frozen, stops at once ({@code pg_ctl stop -m immediate}) and deletes the directory. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it does the same
        }
        destroy();
    }

    private synchronized void destroy() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (postmasterPid != 0) {
                try {
                    thaw();
                    pgCtlStop("immediate");
                } catch (RuntimeException stopFailed) {
                    signal("KILL", List.of(postmasterPid), false);
                }
                postmasterPid = 0;
            }
        } finally {
            deleteTree(directory);
        }
    }

    private void initialize() {
        runAsOwner(
                "initdb",
                tool("initdb"),
                "-D",
                data.toString(),
                "-A",
                "trust",
                "-U",
                SUPERUSER,
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync");
        createOwnedDirectory(sockets, !runAsOwner.isEmpty());
    }

    private void watchOverJvm() {
        List<String> command = new ArrayList<>(List.of(
                "sh",
                "-c",
                WATCHDOG,
                "postgres-cluster-watchdog",
                Long.toString(ProcessHandle.current().pid()),
                directory.toString(),
                data.toString()));
        command.addAll(runAsOwner);
        command.addAll(List.of(tool("pg_ctl"), "-w", "-t", "30", "-D", data.toString(), "stop", "-m", "immediate"));
        try {
            new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the watchdog that stops the cluster if this JVM dies", e);
        }
    }

    private long readPostmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid"))
                    .getFirst()
                    .trim());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "PostgreSQL started but its postmaster.pid in " + data + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static void awaitStoppedState(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        long deadline = System.nanoTime() + STOPPED_STATE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (processState(Files.readString(stat)) == 'T') {
                    return;
                }
                Thread.sleep(1);
            } catch (IOException gone) {
                throw new IllegalStateException("the postmaster (pid " + pid + ") exited while being frozen", gone);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while freezing the postmaster", e);
            }
        }
        throw new IllegalStateException("the postmaster (pid " + pid + ") did not stop within "
                + STOPPED_STATE_TIMEOUT.toSeconds() + " s of SIGSTOP");
    }

    /** The state letter of a {@code /proc/<pid>/stat} line; the command name before it may hold spaces and parentheses. */
    static char processState(String statLine) {
        return statLine.charAt(statLine.lastIndexOf(')') + 2);
    }

    private static void signal(String signal, List<Long> pids, boolean mustSucceed) {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-s", signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        try {
            run("kill -s " + signal, command, null, null);
        } catch (IllegalStateException e) {
            if (mustSucceed) {
                throw e;
            }
            // a backend that exited meanwhile cannot be signalled, and needs not be
        }
    }

    private String psql(String sql, Map<String, String> variables) {
        List<String> command = new ArrayList<>(List.of(
                tool("psql"),
                "-X",
                "-q",
                "-t",
                "-A",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-U",
                SUPERUSER,
                "-d",
                "postgres"));
        variables.forEach((name, value) -> command.addAll(List.of("-v", name + "=" + value)));
        return run("psql", command, directory, sql);
    }

    private void runAsOwner(String what, String... command) {
        List<String> full = new ArrayList<>(runAsOwner);
        full.addAll(List.of(command));
        run(what, full, directory, null);
    }

    private String tool(String name) {
        return binaries.resolve(name).toString();
    }

    /** Runs a command to its end (bounded in time) and returns its output; fails with the output when it fails. */
    private static String run(String what, List<String> command, Path workingDirectory, String input) {
        Path output = null;
        try {
            output = Files.createTempFile("postgres-cluster-", ".out");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            if (input == null) {
                builder.redirectInput(
                        ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            Process process = builder.start();
            if (input != null) {
                try (var stdin = process.getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s: "
                        + String.join(" ", command) + "\n" + Files.readString(output));
            }
            String printed = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed with exit status " + process.exitValue() + ": "
                        + String.join(" ", command) + "\n" + printed.strip());
            }
            return printed;
        } catch (IOException e) {
            throw new IllegalStateException(
                    what + " could not run (" + String.join(" ", command) + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    private static boolean hasServerTools(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
    }

    private static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static List<String> runAsPostgresUser() {
        Optional<Path> runuser = Stream.concat(
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(":")), Stream.of("/usr/sbin", "/sbin"))
                .filter(folder -> !folder.isEmpty())
                .map(folder -> Path.of(folder, "runuser"))
                .filter(Files::isExecutable)
                .findFirst();
        if (runuser.isEmpty()) {
            throw new PostgresUnavailableException(
                    "runuser not found: install util-linux (as root, initdb and pg_ctl must run as the " + OS_OWNER
                            + " user)");
        }
        try {
            Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_OWNER);
        } catch (UserPrincipalNotFoundException e) {
            throw new PostgresUnavailableException(
                    "there is no " + OS_OWNER + " user to run initdb and pg_ctl as (they refuse root):"
                            + " install the postgresql package, or create the user");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(runuser.get().toString(), "-u", OS_OWNER, "--");
    }

    private static Path createDirectory(List<String> runAsOwner) {
        boolean forOwner = !runAsOwner.isEmpty();
        String configured = System.getenv(PARENT_DIRECTORY_VARIABLE);
        Path parent = Path.of(
                configured != null && !configured.isBlank() ? configured : System.getProperty("java.io.tmpdir"));
        Path directory;
        try {
            Files.createDirectories(parent);
            directory = Files.createTempDirectory(parent, "chat-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a directory for a PostgreSQL cluster under " + parent, e);
        }
        createOwnedDirectory(directory, forOwner);
        if (forOwner) {
            try {
                List<String> writeTest = new ArrayList<>(runAsOwner);
                writeTest.addAll(List.of("test", "-w", directory.toString()));
                run("a write test", writeTest, null, null);
            } catch (IllegalStateException e) {
                deleteTree(directory);
                throw new IllegalStateException(
                        "the " + OS_OWNER + " user cannot write to " + directory + " (a parent folder is closed to it):"
                                + " set " + PARENT_DIRECTORY_VARIABLE + " to a directory it can reach",
                        e);
            }
        }
        return directory;
    }

    private static void createOwnedDirectory(Path directory, boolean forOwner) {
        try {
            Files.createDirectories(directory);
            if (forOwner) {
                UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
                UserPrincipal owner = users.lookupPrincipalByName(OS_OWNER);
                GroupPrincipal group = users.lookupPrincipalByGroupName(OS_OWNER);
                PosixFileAttributeView attributes = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
                attributes.setOwner(owner);
                attributes.setGroup(group);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare " + directory + " for the " + OS_OWNER + " user", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("postgres-cluster: could not delete " + root + ": " + e.getMessage());
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the cluster is closed");
        }
    }

    private void requireRunning() {
        requireOpen();
        if (postmasterPid == 0) {
            throw new IllegalStateException("the cluster is stopped: start() it first");
        }
    }

    private void requireResponsive() {
        requireRunning();
        if (!frozen.isEmpty()) {
            throw new IllegalStateException("the cluster is frozen: thaw() it first");
        }
    }
}
