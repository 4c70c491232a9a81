package io.muxlab.harness.report;

import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.Html;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.Section;
import io.muxlab.harness.section.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code index.html}: one self-contained page (inline CSS, charts as PNG files beside it,
 * no scripts, nothing fetched), with the machine first, then every section's part.
 */
public final class HtmlReport {
    private static final String CSS = """
            body{font-family:sans-serif;max-width:1250px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
            h1{margin-bottom:.2em} h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
            .table{max-width:100%;overflow-x:auto;margin:1em 0}
            table{border-collapse:collapse;font-size:.8em}
            th,td{border:1px solid #ccc;padding:.2em .3em;text-align:right;vertical-align:top}
            td{white-space:nowrap} th{background:#f3f3f3;white-space:normal;vertical-align:bottom;min-width:3em}
            td:last-child{white-space:normal;text-align:left;min-width:8em;max-width:20em}
            td:first-child,th:first-child,td.text{text-align:left} td.text{white-space:normal;min-width:12em}
            .sub{font-size:.85em;color:#666}
            figure{margin:1.5em 0} figcaption{max-width:860px;font-size:.95em}
            .chart-key{max-width:860px;font-size:.85em;color:#444;margin:.2em 0 .5em}
            .note{background:#fff8e0;border-left:4px solid #e0b000;padding:.5em 1em}
            .empty{color:#a00}
            .headline{border:2px solid #1f77b4;background:#eef5fb;padding:.6em 1.2em;font-size:1.15em;max-width:900px}
            .headline ul{margin:.3em 0;padding-left:1.2em}
            dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em} dt{font-weight:bold}
            """;

    /**
     * The box at the top: each known section's headline line, from its rows in this run or, if it
     * did not run, from none (it then says so); then each one's target verdicts, from every row.
     */
    static String headline(Map<Section, List<Row>> rows, List<Section> known) {
        // By id: the registry makes new instances each time it is asked.
        Map<String, List<Row>> byId = new HashMap<>();
        rows.forEach((s, r) -> byId.put(s.id(), r));
        List<Row> every = rows.values().stream().flatMap(List::stream).toList();
        List<String> answers = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (Section s : known) {
            s.headline(byId.getOrDefault(s.id(), List.of())).ifPresent(l -> answers.add("<li>" + Html.escape(l) + "</li>"));
            s.targets(every).ifPresent(l -> targets.add("<li>" + Html.escape(l) + "</li>"));
        }
        if (answers.isEmpty() && targets.isEmpty()) {
            return "";
        }
        StringBuilder box = new StringBuilder("<div class=\"headline\">");
        if (!answers.isEmpty()) {
            box.append("<strong>The answer, in this run's numbers</strong><ul>").append(String.join("", answers)).append("</ul>");
        }
        if (!targets.isEmpty()) {
            box.append("<strong>Targets, judged on this run</strong><ul>").append(String.join("", targets)).append("</ul>");
        }
        return box.append("</div>\n").toString();
    }

    private final Settings settings;
    private final MachineInfo machine;

    public HtmlReport(Settings settings, MachineInfo machine) {
        this.settings = settings;
        this.machine = machine;
    }

    public void write(Map<Section, List<Row>> rows, List<Section> known, Charts charts) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>muxlab report</title><style>")
                .append(CSS).append("</style></head><body>\n");
        h.append("<h1>muxlab: select, poll, epoll, io_uring, timers and a delay queue, measured side by side</h1>\n");
        h.append("<p>Every contender ran as its own process and was measured one at a time: the echo servers (each "
                + "kept warm across its windows, the others idle meanwhile) against the same JDK NIO ")
                .append("load client, the timers and the delay queue in child JVMs started the same way for each. ")
                .append("How the load is made and how to read this page: ")
                .append(Html.link(settings.doc("harness.md"), "docs/harness.md")).append(" (the docs are rendered beside this page: ")
                .append(Html.link(settings.doc("start-here.md"), "start here")).append("). Every figure is in ")
                .append(Html.link("results.json", "results.json")).append(".</p>\n");
        h.append(headline(rows, known));
        long errors = rows.values().stream().flatMap(List::stream).filter(r -> r.errors() > 0).count();
        if (errors > 0) {
            h.append("<p class=\"note\">").append(errors).append(" run(s) had errors; their rows say why, and their figures ")
                    .append("are not to be trusted.</p>\n");
        }
        h.append("<h2>Machine</h2>\n<dl>");
        for (Map.Entry<String, String> f : machine.facts().entrySet()) {
            h.append("<dt>").append(Html.escape(f.getKey())).append("</dt><dd>").append(Html.escape(f.getValue())).append("</dd>");
        }
        h.append("<dt>Echo servers</dt><dd>").append(Html.escape(settings.servers())).append("</dd>");
        h.append("<dt>Their JVMs</dt><dd>").append(Html.escape(String.join("; ", settings.jvms()))).append("</dd>");
        h.append("<dt>Each echo point</dt><dd>").append(Html.escape(settings.echoWindows()))
                .append(settings.quick() ? " (--quick: fewer points, short windows)" : "").append("</dd>");
        h.append("</dl>\n");
        h.append("<p>Contents: ");
        List<String> toc = new ArrayList<>();
        for (Section s : rows.keySet()) {
            toc.add("<a href=\"#" + s.id() + "\">" + Html.escape(s.title()) + "</a>");
        }
        h.append(String.join(" · ", toc)).append("</p>\n");
        for (Map.Entry<Section, List<Row>> e : rows.entrySet()) {
            Section s = e.getKey();
            h.append("<h2 id=\"").append(s.id()).append("\">").append(Html.escape(s.title())).append("</h2>\n");
            if (!s.childJvmFlags().isEmpty()) {
                h.append("<p>Every child JVM of this section: <code>java ").append(Html.escape(String.join(" ", s.childJvmFlags())))
                        .append(" -cp …</code>, its soft RLIMIT_NOFILE raised to the hard limit.</p>\n");
            }
            h.append(s.render(drawn(s, rows), charts, settings));
        }
        h.append("</body></html>\n");
        Files.writeString(settings.out().resolve("index.html"), h.toString(), StandardCharsets.UTF_8);
    }

    /** A section's own rows, then those of the sections it draws on ({@link Section#drawsOn}). */
    private static List<Row> drawn(Section s, Map<Section, List<Row>> rows) {
        List<Row> out = new ArrayList<>(rows.get(s));
        for (Map.Entry<Section, List<Row>> e : rows.entrySet()) {
            if (s.drawsOn().contains(e.getKey().id())) {
                out.addAll(e.getValue());
            }
        }
        return out;
    }
}
