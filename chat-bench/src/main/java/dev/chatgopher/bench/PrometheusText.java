package dev.chatgopher.bench;

import java.util.ArrayList;
import java.util.List;

/** Reads samples out of a Prometheus text exposition: {@code name{labels} value}. */
final class PrometheusText {

    /** One sample line. */
    record Sample(String name, String labels, double value) {}

    private PrometheusText() {}

    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int valueStart = line.lastIndexOf(' ');
            if (valueStart < 0) {
                continue;
            }
            String series = line.substring(0, valueStart);
            int labelsStart = series.indexOf('{');
            String name = labelsStart < 0 ? series : series.substring(0, labelsStart);
            String labels = labelsStart < 0 ? "" : series.substring(labelsStart + 1, series.length() - 1);
            try {
                samples.add(new Sample(name, labels, Double.parseDouble(line.substring(valueStart + 1))));
            } catch (NumberFormatException notASample) {
                // skip lines this reader does not understand
            }
        }
        return samples;
    }

    /** Sum of the samples of a metric whose labels contain {@code labelFilter} (empty: all of them). */
    static double sum(List<Sample> samples, String name, String labelFilter) {
        double sum = 0;
        boolean found = false;
        for (Sample sample : samples) {
            if (sample.name().equals(name) && sample.labels().contains(labelFilter)) {
                sum += sample.value();
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }

    /** The value of one label of the first sample of a metric, or null. */
    static String label(List<Sample> samples, String name, String label) {
        for (Sample sample : samples) {
            if (sample.name().equals(name)) {
                String prefix = label + "=\"";
                int start = sample.labels().indexOf(prefix);
                if (start >= 0) {
                    int end = sample.labels().indexOf('"', start + prefix.length());
                    return sample.labels().substring(start + prefix.length(), end);
                }
            }
        }
        return null;
    }
}
