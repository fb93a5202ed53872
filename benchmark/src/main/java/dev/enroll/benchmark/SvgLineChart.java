package dev.enroll.benchmark;

import java.util.List;
import java.util.Locale;

/**
 * A line chart as a self-contained SVG string: categories along x (the concurrency levels, evenly
 * spaced, since 1, 8, 32, 64 on a linear axis would squash the left half), a linear y axis from
 * zero with round ticks, one line per series, an optional dashed reference line (a target), and
 * a legend. Each point carries a {@code <title>}, which browsers show on hover, without any script.
 */
record SvgLineChart(String title, String xLabel, String yLabel, List<String> categories, List<Series> series,
                    Reference reference) {

    /** One line; {@code values} has one entry per category, {@code NaN} where nothing was measured. */
    record Series(String name, String color, boolean dashed, List<Double> values) {
        Series {
            values = List.copyOf(values);
        }
    }

    /** A horizontal line at {@code value}, e.g. a latency target. */
    record Reference(double value, String label) {
    }

    static final int WIDTH = 760;
    static final int HEIGHT = 380;
    private static final int LEFT = 72;
    private static final int RIGHT = 200;
    private static final int TOP = 44;
    private static final int BOTTOM = 56;

    SvgLineChart {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("a chart needs at least one category");
        }
        for (Series s : series) {
            if (s.values().size() != categories.size()) {
                throw new IllegalArgumentException("series " + s.name() + " needs one value per category");
            }
        }
    }

    String svg() {
        double highest = Math.max(highestValue(), reference == null ? 0 : reference.value());
        double tick = niceStep(highest);
        double top = axisTop(highest, tick);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\" font-family=\"sans-serif\""
                        + " font-size=\"12\">\n");
        svg.append("<title>").append(escape(title)).append("</title>\n");
        svg.append(text(LEFT, 24, escape(title), "start", "font-size=\"15\" font-weight=\"bold\""));
        // Grid and y ticks.
        for (double v = 0; v <= top + tick / 1000; v += tick) {
            double y = y(v, top);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
                    + " stroke=\"#ddd\"/>%n", LEFT, y, WIDTH - RIGHT, y));
            svg.append(text(LEFT - 8, y + 4, number(v), "end", ""));
        }
        // Axes.
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT, TOP, LEFT, HEIGHT - BOTTOM));
        for (int i = 0; i < categories.size(); i++) {
            svg.append(text(x(i), HEIGHT - BOTTOM + 18, escape(categories.get(i)), "middle", ""));
        }
        svg.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 14, escape(xLabel), "middle", ""));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">%s</text>%n",
                (TOP + HEIGHT - BOTTOM) / 2.0, (TOP + HEIGHT - BOTTOM) / 2.0, escape(yLabel)));
        if (reference != null) {
            double y = y(reference.value(), top);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#c00\""
                    + " stroke-dasharray=\"6 4\"/>%n", LEFT, y, WIDTH - RIGHT, y));
            // A white halo keeps the label readable where a series line crosses it.
            svg.append(text(LEFT + 6, y - 5, escape(reference.label()), "start",
                    "fill=\"#c00\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\""));
        }
        for (Series s : series) {
            svg.append(line(s, top));
        }
        svg.append(legend());
        svg.append("</svg>\n");
        return svg.toString();
    }

    private String line(Series s, double top) {
        StringBuilder out = new StringBuilder();
        StringBuilder path = new StringBuilder();
        boolean penDown = false;
        for (int i = 0; i < categories.size(); i++) {
            double v = s.values().get(i);
            if (Double.isNaN(v)) {
                penDown = false; // a gap, not a line through a point that was never measured
                continue;
            }
            path.append(String.format(Locale.ROOT, "%s%.1f %.1f ", penDown ? "L" : "M", x(i), y(v, top)));
            penDown = true;
        }
        out.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                path.toString().trim(), s.color(), s.dashed() ? " stroke-dasharray=\"5 3\"" : ""));
        for (int i = 0; i < categories.size(); i++) {
            double v = s.values().get(i);
            if (!Double.isNaN(v)) {
                out.append(String.format(Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s, %s %s: %s</title></circle>%n",
                        x(i), y(v, top), s.color(), escape(s.name()), escape(categories.get(i)), escape(xLabel),
                        number(v)));
            }
        }
        return out.toString();
    }

    private String legend() {
        StringBuilder out = new StringBuilder();
        int x = WIDTH - RIGHT + 16;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            int y = TOP + 8 + i * 20;
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                    + " stroke-width=\"2\"%s/>%n", x, y, x + 22, y, s.color(),
                    s.dashed() ? " stroke-dasharray=\"5 3\"" : ""));
            out.append(text(x + 28, y + 4, escape(s.name()), "start", ""));
        }
        return out.toString();
    }

    private double highestValue() {
        return series.stream().flatMap(s -> s.values().stream()).filter(v -> !Double.isNaN(v))
                .mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private double x(int category) {
        double plot = WIDTH - LEFT - RIGHT;
        return categories.size() == 1 ? LEFT + plot / 2 : LEFT + 24 + (plot - 48) * category / (categories.size() - 1);
    }

    private static double y(double value, double top) {
        double plot = HEIGHT - TOP - BOTTOM;
        return HEIGHT - BOTTOM - plot * value / top;
    }

    /** The first tick at or above {@code max}, so the highest point is never clipped. */
    static double axisTop(double max, double tick) {
        return Math.max(tick, Math.ceil(max / tick - 1e-9) * tick);
    }

    /** A round tick spacing (1, 2, 2.5 or 5 times a power of ten) that cuts 0..{@code max} into about five. */
    static double niceStep(double max) {
        if (max <= 0) {
            return 1;
        }
        double raw = max / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
            if (factor * magnitude >= raw) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String number(double v) {
        if (v >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String text(double x, double y, String escaped, String anchor, String attributes) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>%n", x, y,
                anchor, attributes.isEmpty() ? "" : " " + attributes, escaped);
    }
}
