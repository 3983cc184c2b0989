package dev.chatgopher.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Latencies recorded from any thread in microseconds, reported in milliseconds. */
final class Latencies {

    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);

    void recordNanos(long nanos) {
        recorder.recordValue(Math.max(1, nanos / 1_000));
    }

    /** Everything recorded so far, merged. */
    synchronized Histogram snapshot() {
        total.add(recorder.getIntervalHistogram());
        return total.copy();
    }

    /** count, p50, p90, p99, p99.9 and max, in milliseconds. */
    Map<String, Object> summary() {
        Histogram histogram = snapshot();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", histogram.getTotalCount());
        summary.put("p50_ms", millis(histogram.getValueAtPercentile(50)));
        summary.put("p90_ms", millis(histogram.getValueAtPercentile(90)));
        summary.put("p99_ms", millis(histogram.getValueAtPercentile(99)));
        summary.put("p999_ms", millis(histogram.getValueAtPercentile(99.9)));
        summary.put("max_ms", millis(histogram.getMaxValue()));
        return summary;
    }

    double percentileMillis(double percentile) {
        return millis(snapshot().getValueAtPercentile(percentile));
    }

    private static double millis(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
