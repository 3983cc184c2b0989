package dev.chatgopher.app;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** WCAG 2 relative luminance and contrast ratio of CSS colors as browsers report them ({@code rgb(r, g, b)}). */
final class Contrast {

    private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)(?:, ([\\d.]+))?\\)");

    private Contrast() {}

    static double ratio(String foreground, String background) {
        double a = luminance(foreground);
        double b = luminance(background);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    static double luminance(String cssColor) {
        Matcher rgb = RGB.matcher(cssColor);
        if (!rgb.matches() || (rgb.group(4) != null && Double.parseDouble(rgb.group(4)) < 1)) {
            throw new AssertionError("expected an opaque rgb() color, got " + cssColor);
        }
        return 0.2126 * channel(rgb.group(1)) + 0.7152 * channel(rgb.group(2)) + 0.0722 * channel(rgb.group(3));
    }

    private static double channel(String value) {
        double c = Integer.parseInt(value) / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
