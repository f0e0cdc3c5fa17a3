package com.example.storefront;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes what a run saw: a small data file per run ({@code with-agent.run},
 * {@code without-agent.run}), and one HTML page that draws every run present side by side:
 * the storefront's p99 latency per second, and a lane per breaker coloured by state.
 */
final class Report {
    private static final int WIDTH = 900;
    private static final int CHART = 220;
    private static final int LANE = 22;

    private Report() {
    }

    /** Saves one run as lines: {@code phase}, {@code p99}, {@code lane} and {@code change} records. */
    static void save(Path dir, String label, List<Scenario.Phase> phases, Timeline timeline, BreakerWatch watch,
                     int seconds) throws IOException {
        Files.createDirectories(dir);
        StringBuilder out = new StringBuilder();
        for (Scenario.Phase p : phases) {
            out.append("phase ").append(p.atSecond()).append(' ').append(p.title()).append('\n');
        }
        StringBuilder p99 = new StringBuilder("p99");
        for (int s = 0; s < seconds; s++) {
            p99.append(' ').append(String.format(Locale.ROOT, "%.1f", timeline.at(s).quantileMillis(0.99)));
        }
        out.append(p99).append('\n');
        for (Map.Entry<String, List<String>> lane : watch.lanes().entrySet()) {
            out.append("lane ").append(lane.getKey()).append(' ').append(String.join(" ", lane.getValue())).append('\n');
        }
        for (BreakerWatch.Change c : watch.changes()) {
            out.append(String.format(Locale.ROOT, "change %.1f %s %s %s %s%n", c.atSeconds(), c.breaker(), c.from(),
                    c.to(), c.reason()));
        }
        Files.writeString(dir.resolve(label + ".run"), out.toString());
    }

    /** Draws every saved run into {@code report.html}; returns its path. */
    static Path html(Path dir) throws IOException {
        List<Run> runs = new ArrayList<>();
        for (String label : List.of("with-agent", "without-agent", "fleet-a", "fleet-b")) {
            Path file = dir.resolve(label + ".run");
            if (Files.exists(file)) {
                runs.add(Run.read(label, Files.readAllLines(file)));
            }
        }
        double max = 1;
        int seconds = 1;
        for (Run r : runs) {
            for (double v : r.p99) {
                max = Math.max(max, v);
            }
            seconds = Math.max(seconds, r.p99.size());
        }
        StringBuilder svg = new StringBuilder();
        int lanes = runs.stream().mapToInt(r -> r.lanes.size()).max().orElse(0);
        int height = CHART + 40 + lanes * LANE + 50;
        svg.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(WIDTH + 170).append("' height='")
                .append(height).append("' font-family='sans-serif' font-size='12'>");
        double xs = (double) WIDTH / seconds;
        Run first = runs.isEmpty() ? null : runs.get(0);
        if (first != null) {
            for (int i = 0; i < first.phases.size(); i++) {
                int at = first.phases.get(i).at;
                double x = 150 + at * xs;
                svg.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='10' x2='%.1f' y2='%d' stroke='#bbb' stroke-dasharray='4'/>", x, x, height - 20));
                svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' fill='#555'>%s</text>", x + 3, 22 + (i % 2) * 14, escape(first.phases.get(i).title)));
            }
        }
        // latency: log scale from 0.1 ms to max
        double logMin = Math.log10(0.1);
        double logMax = Math.log10(Math.max(max, 1));
        for (double tick : new double[] {1, 10, 100, 1000, 10000}) {
            if (tick > max * 1.5) {
                break;
            }
            double y = 40 + CHART - (Math.log10(tick) - logMin) / (logMax - logMin) * CHART;
            svg.append(String.format(Locale.ROOT, "<line x1='150' y1='%.1f' x2='%d' y2='%.1f' stroke='#eee'/>", y, 150 + WIDTH, y));
            svg.append(String.format(Locale.ROOT, "<text x='145' y='%.1f' text-anchor='end' fill='#777'>%s ms</text>", y + 4, tick >= 1 ? String.valueOf((long) tick) : String.valueOf(tick)));
        }
        String[] colours = {"#1565c0", "#c62828"};
        for (int r = 0; r < runs.size(); r++) {
            Run run = runs.get(r);
            StringBuilder points = new StringBuilder();
            for (int s = 0; s < run.p99.size(); s++) {
                double v = run.p99.get(s);
                if (v < 0) {
                    continue;
                }
                double y = 40 + CHART - (Math.log10(Math.max(v, 0.1)) - logMin) / (logMax - logMin) * CHART;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", 150 + (s + 0.5) * xs, y));
            }
            svg.append("<polyline fill='none' stroke-width='2' stroke='").append(colours[r % 2]).append("' points='")
                    .append(points).append("'/>");
            svg.append("<text x='").append(150 + r * 170).append("' y='").append(height - 8).append("' fill='")
                    .append(colours[r % 2]).append("'>━ p99 ").append(run.label.replace('-', ' ')).append("</text>");
        }
        svg.append("<text x='10' y='").append(40 + CHART / 2).append("' fill='#333'>storefront p99</text>");
        if (first != null) {
            Run lanesRun = runs.stream().filter(r -> !r.lanes.isEmpty()).findFirst().orElse(first);
            int y = 40 + CHART + 20;
            for (Map.Entry<String, List<String>> lane : lanesRun.lanes.entrySet()) {
                svg.append("<text x='10' y='").append(y + 15).append("'>").append(escape(lane.getKey())).append("</text>");
                List<String> states = lane.getValue();
                for (int s = 0; s < states.size(); s++) {
                    svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%d' width='%.1f' height='%d' fill='%s'><title>%ds %s</title></rect>",
                            150 + s * xs, y, xs + 0.5, LANE - 4, colour(states.get(s)), s, states.get(s)));
                }
                y += LANE;
            }
            svg.append("<text x='490' y='").append(height - 8).append("' fill='#555'><tspan fill='#2e7d32'>■</tspan> CLOSED  <tspan fill='#f9a825'>■</tspan> HALF_OPEN  <tspan fill='#c62828'>■</tspan> OPEN   (seconds →)</text>");
        }
        svg.append("</svg>");

        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset='utf-8'><title>Tripswitch demo</title>"
                + "<style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse}"
                + "td,th{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left}</style></head><body>"
                + "<h1>Storefront under failure, with and without breakers</h1>");
        html.append(svg);
        for (Run run : runs) {
            html.append("<h2>").append(run.label.replace('-', ' ')).append("</h2>");
            if (run.changes.isEmpty()) {
                html.append("<p>No breaker changed state.</p>");
            } else {
                html.append("<table><tr><th>at</th><th>breaker</th><th>change</th><th>why</th></tr>");
                for (String[] c : run.changes) {
                    html.append("<tr><td>").append(c[0]).append(" s</td><td>").append(escape(c[1])).append("</td><td>")
                            .append(c[2]).append(" → ").append(c[3]).append("</td><td>").append(escape(c[4]))
                            .append("</td></tr>");
                }
                html.append("</table>");
            }
        }
        html.append("</body></html>");
        Path page = dir.resolve("report.html");
        Files.writeString(page, html.toString());
        return page;
    }

    private static String colour(String state) {
        return switch (state) {
            case "OPEN", "FORCED_OPEN" -> "#c62828";
            case "HALF_OPEN" -> "#f9a825";
            default -> "#2e7d32";
        };
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }

    /** A saved run, read back. */
    private record Run(String label, List<PhaseMark> phases, List<Double> p99, Map<String, List<String>> lanes,
                       List<String[]> changes) {
        private static final Pattern CHANGE = Pattern.compile("change (\\S+) (\\S+) (\\S+) (\\S+) (.*)");

        static Run read(String label, List<String> lines) {
            List<PhaseMark> phases = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            Map<String, List<String>> lanes = new java.util.TreeMap<>();
            List<String[]> changes = new ArrayList<>();
            for (String line : lines) {
                String[] w = line.split(" ", 3);
                switch (w[0]) {
                    case "phase" -> phases.add(new PhaseMark(Integer.parseInt(w[1]), w[2]));
                    case "p99" -> {
                        for (String v : line.substring(4).split(" ")) {
                            if (!v.isEmpty()) {
                                p99.add(Double.parseDouble(v));
                            }
                        }
                    }
                    case "lane" -> lanes.put(w[1], List.of(w.length > 2 ? w[2].split(" ") : new String[0]));
                    case "change" -> {
                        Matcher m = CHANGE.matcher(line);
                        if (m.matches()) {
                            changes.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)});
                        }
                    }
                    default -> {
                    }
                }
            }
            return new Run(label, phases, p99, lanes, changes);
        }
    }

    private record PhaseMark(int at, String title) {
    }
}
