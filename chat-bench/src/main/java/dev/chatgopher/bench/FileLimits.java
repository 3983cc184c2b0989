package dev.chatgopher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Open-file limits: tens of thousands of sockets need more than the usual default, on both ends. */
final class FileLimits {

    private FileLimits() {}

    /** Raises the process's open-file limit (soft and hard) to at least {@code wanted}, with prlimit; true if done. */
    static boolean raise(long pid, long wanted) throws InterruptedException {
        if (current(pid) >= wanted) {
            return true;
        }
        try {
            Process prlimit = new ProcessBuilder(
                            "prlimit", "--pid", Long.toString(pid), "--nofile=" + wanted + ":" + wanted)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            prlimit.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException noPrlimit) {
            return false;
        }
        return current(pid) >= wanted;
    }

    /** The soft open-file limit of a process, from /proc. */
    static long current(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft =
                            line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
