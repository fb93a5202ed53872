package dev.enroll.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgLineChartTest {

    private final SvgLineChart chart = new SvgLineChart("Throughput <per> step", "concurrent clients", "requests/s",
            List.of("1", "8", "32", "64"),
            List.of(new SvgLineChart.Series("raw-insert", "#555555", true, List.of(900.0, 3000.0, 3500.0, 3400.0)),
                    new SvgLineChart.Series("create & co", "#0072B2", false,
                            List.of(400.0, Double.NaN, 2100.0, 2050.0))),
            new SvgLineChart.Reference(50, "target"));

    @Test
    void is_well_formed_svg_with_a_line_and_points_per_series() throws Exception {
        Document svg = parse(chart.svg());

        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getElementsByTagName("path").getLength()).isEqualTo(2);
        // Seven measured points: the missing one is a gap, not a point at zero.
        assertThat(svg.getElementsByTagName("circle").getLength()).isEqualTo(7);
    }

    @Test
    void escapes_text_and_names_every_series_in_the_legend() {
        String svg = chart.svg();

        assertThat(svg).contains("Throughput &lt;per&gt; step", "create &amp; co", "raw-insert", "target")
                .doesNotContain("<per>");
    }

    @Test
    void a_gap_in_a_series_restarts_the_line() {
        String svg = chart.svg();
        String createPath = svg.lines().filter(l -> l.startsWith("<path") && l.contains("#0072B2")).findFirst()
                .orElseThrow();

        assertThat(createPath.chars().filter(c -> c == 'M').count()).isEqualTo(2);
    }

    @Test
    void ticks_are_round_and_the_top_tick_covers_the_highest_point() {
        assertThat(SvgLineChart.niceStep(3500)).isEqualTo(1000);
        assertThat(SvgLineChart.niceStep(11)).isEqualTo(2.5);
        assertThat(SvgLineChart.niceStep(0.9)).isEqualTo(0.2);
        assertThat(SvgLineChart.axisTop(3500, 1000)).isEqualTo(4000);
        assertThat(SvgLineChart.axisTop(4000, 1000)).isEqualTo(4000);
        assertThat(SvgLineChart.axisTop(0, 1)).isEqualTo(1);
        assertThat(SvgLineChart.number(1234.56)).isEqualTo("1235");
        assertThat(SvgLineChart.number(12.345)).isEqualTo("12.3");
        assertThat(SvgLineChart.number(1.2345)).isEqualTo("1.23");
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
