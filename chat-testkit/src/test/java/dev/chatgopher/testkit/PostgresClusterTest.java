package dev.chatgopher.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresClusterTest {

    @TempDir
    Path root;

    @Test
    void picks_the_highest_version_that_has_the_server_tools() throws IOException {
        serverTools("9.6");
        serverTools("15");
        serverTools("13");
        Files.createDirectories(root.resolve("16/bin")); // client only: no initdb or pg_ctl
        Files.createDirectories(root.resolve("common/bin"));

        assertEquals(Optional.of(root.resolve("15/bin")), PostgresCluster.newestBinaries(root));
    }

    @Test
    void finds_nothing_where_nothing_is_installed() {
        assertTrue(PostgresCluster.newestBinaries(root.resolve("absent")).isEmpty());
        assertTrue(PostgresCluster.newestBinaries(root).isEmpty());
    }

    @Test
    void compares_versions_by_number_not_by_text() {
        assertTrue(PostgresCluster.compareVersions("10", "9.6") > 0);
        assertTrue(PostgresCluster.compareVersions("9.6", "9.10") < 0);
        assertEquals(0, PostgresCluster.compareVersions("15", "15"));
    }

    @Test
    void reads_the_state_after_a_command_name_with_spaces_and_parentheses() {
        assertEquals('T', PostgresCluster.processState("4242 (postgres: walwriter (x)) T 4241 4242 4242 0 -1"));
        assertEquals('S', PostgresCluster.processState("1 (systemd) S 0 1 1 0 -1"));
    }

    private void serverTools(String version) throws IOException {
        Path bin = Files.createDirectories(root.resolve(version).resolve("bin"));
        for (String tool : new String[] {"initdb", "pg_ctl"}) {
            Files.createFile(
                    bin.resolve(tool),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
    }
}
