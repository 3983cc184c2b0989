package dev.chatgopher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String SCRAPE = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.6777216E7
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 1194680.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 3.6666776E7
            chat_websocket_sessions 3.0
            chat_database_info{product="PostgreSQL 15.20"} 1
            """;

    @Test
    void sums_a_metric_over_the_matching_labels() {
        List<PrometheusText.Sample> samples = PrometheusText.parse(SCRAPE);

        assertEquals(16_777_216 + 1_194_680, PrometheusText.sum(samples, "jvm_memory_used_bytes", "area=\"heap\""));
        assertEquals(3.0, PrometheusText.sum(samples, "chat_websocket_sessions", ""));
    }

    @Test
    void reads_a_label_and_says_when_a_metric_is_missing() {
        List<PrometheusText.Sample> samples = PrometheusText.parse(SCRAPE);

        assertEquals("PostgreSQL 15.20", PrometheusText.label(samples, "chat_database_info", "product"));
        assertTrue(Double.isNaN(PrometheusText.sum(samples, "no_such_metric", "")));
    }
}
