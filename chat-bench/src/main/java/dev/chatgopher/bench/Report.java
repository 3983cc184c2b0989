package dev.chatgopher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one scenario: the machine, the settings, the figures, the correctness counts (all must be
 * zero) and the goals. Printed as a table, then as one JSON document.
 */
final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> document = new LinkedHashMap<>();
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Map<String, Long> correctness = new LinkedHashMap<>();
    private final List<Map<String, Object>> goals = new ArrayList<>();

    Report(String scenario) {
        document.put("scenario", scenario);
        document.put("started_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    void machine(Map<String, Object> machine) {
        document.put("machine", machine);
    }

    void setting(String name, Object value) {
        settings.put(name, value);
    }

    void result(String name, Object value) {
        results.put(name, value);
    }

    /** A count that must be zero for the run to be correct. */
    void correctness(String name, long count) {
        correctness.put(name, count);
    }

    void goal(String goal, Object measured, boolean met) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("goal", goal);
        entry.put("measured", measured);
        entry.put("met", met);
        goals.add(entry);
    }

    boolean correct() {
        return correctness.values().stream().allMatch(count -> count == 0);
    }

    /** Prints the table and the JSON (and writes the JSON file); returns the exit status. */
    int finish(Path jsonFile) throws IOException {
        document.put("settings", settings);
        document.put("results", results);
        document.put("correctness", correctness);
        document.put("goals", goals);
        document.put(
                "finished_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        System.out.println();
        System.out.println(table());
        String json = JSON.writeValueAsString(document);
        System.out.println(json);
        if (jsonFile != null) {
            Files.writeString(jsonFile, json + "\n");
        }
        return correct() ? 0 : 2;
    }

    private String table() {
        StringBuilder table = new StringBuilder();
        table.append("== ").append(document.get("scenario")).append(" ==\n");
        section(table, "machine", castMap(document.get("machine")));
        section(table, "settings", settings);
        section(table, "results", results);
        section(table, "correctness (must all be 0)", new LinkedHashMap<>(correctness));
        if (!goals.isEmpty()) {
            table.append("goals\n");
            for (Map<String, Object> goal : goals) {
                table.append(String.format(
                        "  %-4s %s (measured: %s)%n",
                        Boolean.TRUE.equals(goal.get("met")) ? "MET" : "MISS", goal.get("goal"), goal.get("measured")));
            }
        }
        return table.toString();
    }

    private static void section(StringBuilder table, String title, Map<String, Object> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        table.append(title).append('\n');
        flatten("", values, table);
    }

    private static void flatten(String prefix, Map<String, Object> values, StringBuilder table) {
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested) {
                flatten(key + ".", castMap(nested), table);
            } else {
                table.append(String.format("  %-40s %s%n", key, entry.getValue()));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object map) {
        return (Map<String, Object>) map;
    }
}
