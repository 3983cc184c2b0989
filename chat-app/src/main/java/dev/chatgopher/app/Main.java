package dev.chatgopher.app;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code java -jar chat-gopher.jar}: configuration from the environment; SIGTERM (or Ctrl-C) drains and exits 0,
 * a second one ends the process at once. {@code java -jar chat-gopher.jar token ...} prints a development token
 * instead (see {@link TokenCommand}).
 */
public final class Main {

    /** The exit status of a process ended by a second signal, as a shell reports one ended by SIGTERM. */
    private static final int ENDED_AT_ONCE = 143;

    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            // Before anything logs or opens: the token command prints the token alone and touches no database.
            System.exit(TokenCommand.run(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        // Before jOOQ is loaded: no banner, no tips in the log.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Logger log = LoggerFactory.getLogger(Main.class);
        AppSettings settings;
        ChatApplication application;
        try {
            settings = AppSettings.from(ConfigLoader.load());
            application = ChatApplication.start(settings);
        } catch (StartupException e) {
            log.error(e.getMessage());
            System.exit(1);
            return;
        }
        // JVM shutdown hooks cannot tell a second SIGTERM from the first, so the signals are handled here; the hook
        // still closes the server when the JVM ends for another reason.
        Runtime.getRuntime().addShutdownHook(new Thread(application::close, "shutdown"));
        AtomicInteger signals = new AtomicInteger();
        SignalHandler onSignal = signal -> {
            if (signals.incrementAndGet() == 1) {
                // Not a daemon like the signal thread: the JVM must not end while the drain still stores what it owes.
                Thread.ofPlatform()
                        .name("drain")
                        .daemon(false)
                        .start(() -> drainAndExit(application, settings.shutdown(), log));
            } else {
                log.warn("Second SIG{}: stopping at once", signal.getName());
                Runtime.getRuntime().halt(ENDED_AT_ONCE);
            }
        };
        Signal.handle(new Signal("TERM"), onSignal);
        Signal.handle(new Signal("INT"), onSignal);
    }

    private static void drainAndExit(ChatApplication application, ShutdownSettings shutdown, Logger log) {
        Thread watchdog = Thread.ofPlatform().daemon().name("shutdown-timeout").start(() -> {
            try {
                Thread.sleep(shutdown.timeout().plus(Duration.ofMillis(500)));
                log.error(
                        "The drain took longer than chat.shutdown.timeout ({} s); stopping at once",
                        shutdown.timeout().toSeconds());
                Runtime.getRuntime().halt(1);
            } catch (InterruptedException done) {
                // Drained in time.
            }
        });
        application.drain();
        watchdog.interrupt();
        System.exit(0);
    }
}
