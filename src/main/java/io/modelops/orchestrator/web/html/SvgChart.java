package io.modelops.orchestrator.web.html;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Charts as SVG drawn on the server: line charts over time (with limits as dashed lines) and
 * grouped bar charts. No script, no styles: colours are SVG attributes, so a chart looks the same
 * in the page, in print and in the PDF. Every text from data (series names, categories, the title)
 * is escaped. Each chart carries a {@code <title>} and {@code <desc>} for screen readers and a
 * table of its data for readers who would rather read than look.
 */
public final class SvgChart {

  static final int WIDTH = 640;
  static final int HEIGHT = 270;
  private static final int LEFT = 60;
  private static final int RIGHT = 16;
  private static final int TOP = 14;
  private static final int BOTTOM = 78;
  private static final String[] COLOURS = {
    "#1f5fa8", "#c05a00", "#2e7d32", "#7b1fa2", "#00838f", "#6d4c41", "#ad1457", "#455a64"
  };
  private static final String LIMIT_COLOUR = "#a4161a";
  private static final DateTimeFormatter TICK =
      DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** A point of a line: x in epoch seconds. */
  public record Point(double x, double y) {}

  /**
   * A line of a time chart.
   *
   * @param limit a threshold or limit, drawn dashed
   */
  public record Line(String name, List<Point> points, boolean limit) {
    public Line {
      points = List.copyOf(points);
    }

    /** A constant limit over the chart's time span. */
    public static Line limit(String name, double value, double fromX, double toX) {
      return new Line(name, List.of(new Point(fromX, value), new Point(toX, value)), true);
    }
  }

  /** One series of a bar chart: a value per category. */
  public record Bars(String name, List<Double> values) {
    public Bars {
      values = List.copyOf(values);
    }
  }

  /**
   * A drawn chart.
   *
   * @param id unique on its page, letters, digits, - and _ only
   * @param svg the SVG element, escaped; null when there is no data
   * @param series the names of the series, in legend order
   * @param summary the chart in one or two sentences (also the SVG's description)
   * @param columns the headers of the data table
   * @param rows the data table, as text
   */
  public record Chart(
      String id,
      String title,
      String svg,
      List<String> series,
      String summary,
      List<String> columns,
      List<List<String>> rows) {

    public boolean empty() {
      return svg == null;
    }
  }

  /** A chart without data: the page says so instead of drawing empty axes. */
  public static Chart none(String id, String title, String why) {
    return new Chart(safeId(id), title, null, List.of(), why, List.of(), List.of());
  }

  /** Lines over time; x values are epoch seconds, shown as UTC. */
  public static Chart timeLines(
      String id, String title, String yLabel, List<Line> lines, String emptyText) {
    List<Line> drawn = lines.stream().filter(l -> !l.points().isEmpty()).toList();
    if (drawn.stream().noneMatch(l -> !l.limit())) {
      return none(id, title, emptyText);
    }
    String safeId = safeId(id);
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double minY = 0;
    double maxY = -Double.MAX_VALUE;
    for (Line line : drawn) {
      for (Point p : line.points()) {
        minX = Math.min(minX, p.x());
        maxX = Math.max(maxX, p.x());
        minY = Math.min(minY, p.y());
        maxY = Math.max(maxY, p.y());
      }
    }
    if (maxX - minX < 1) {
      minX -= 60;
      maxX += 60;
    }
    maxY = niceMax(maxY, minY);
    Frame f = new Frame(minX, maxX, minY, maxY);
    StringBuilder svg = open(safeId, title);
    StringBuilder summary = new StringBuilder();
    axes(svg, f, "Time (UTC)", yLabel);
    DateTimeFormatter tick = maxX - minX < 600 ? SECONDS : TICK;
    for (int t = 0; t <= 3; t++) {
      double x = minX + (maxX - minX) * t / 3;
      svg.append(
          text(
              f.px(x),
              TOP + f.plotHeight() + 16,
              t == 0 ? "start" : t == 3 ? "end" : "middle",
              tick.format(Instant.ofEpochSecond((long) x)),
              "tick"));
    }
    List<String> names = new ArrayList<>();
    int colour = 0;
    for (Line line : drawn) {
      String c = line.limit() ? LIMIT_COLOUR : COLOURS[colour++ % COLOURS.length];
      names.add(line.name());
      svg.append("<g class=\"series")
          .append(line.limit() ? " limit" : "")
          .append("\" data-series=\"")
          .append(escape(line.name()))
          .append("\">");
      StringBuilder points = new StringBuilder();
      for (Point p : line.points()) {
        points.append(fixed(f.px(p.x()))).append(',').append(fixed(f.py(p.y()))).append(' ');
      }
      svg.append("<polyline fill=\"none\" stroke=\"")
          .append(c)
          .append("\" stroke-width=\"2\"")
          .append(line.limit() ? " stroke-dasharray=\"6 4\"" : "")
          .append(" points=\"")
          .append(points.toString().strip())
          .append("\"/>");
      if (!line.limit()) {
        for (Point p : line.points()) {
          svg.append("<circle r=\"2.5\" fill=\"")
              .append(c)
              .append("\" cx=\"")
              .append(fixed(f.px(p.x())))
              .append("\" cy=\"")
              .append(fixed(f.py(p.y())))
              .append("\"/>");
        }
      }
      svg.append("</g>");
      Point last = line.points().get(line.points().size() - 1);
      if (summary.length() > 0) {
        summary.append("; ");
      }
      String value = Readable.number(last.y());
      summary.append(line.name());
      if (!line.limit()) {
        summary
            .append(": ")
            .append(Readable.count(line.points().size(), "point"))
            .append(", latest ")
            .append(value);
      } else if (!line.name().contains(value)) {
        summary.append(' ').append(value);
      }
    }
    legend(svg, drawn.stream().map(Line::name).toList(), drawn.stream().map(Line::limit).toList());
    svg.append("</svg>");
    TreeSet<Double> xs = new TreeSet<>();
    drawn.stream().filter(l -> !l.limit()).forEach(l -> l.points().forEach(p -> xs.add(p.x())));
    List<String> columns = new ArrayList<>();
    columns.add("Time (UTC)");
    columns.addAll(names);
    List<List<String>> rows = new ArrayList<>();
    for (double x : xs) {
      List<String> row = new ArrayList<>();
      row.add(Readable.time(Instant.ofEpochSecond((long) x).atOffset(ZoneOffset.UTC)));
      for (Line line : drawn) {
        row.add(valueAt(line, x));
      }
      rows.add(row);
    }
    String desc = title + ". " + summary + ".";
    return new Chart(safeId, title, withDescription(svg, safeId, desc), names, desc, columns, rows);
  }

  /** Grouped bars: one group per category, one bar per series. */
  public static Chart bars(
      String id,
      String title,
      String xLabel,
      String yLabel,
      List<String> categories,
      List<Bars> series,
      String emptyText) {
    boolean any =
        series.stream().flatMap(s -> s.values().stream()).anyMatch(v -> v != null && v != 0);
    if (categories.isEmpty() || !any) {
      return none(id, title, emptyText);
    }
    String safeId = safeId(id);
    double maxY = 0;
    for (Bars s : series) {
      for (Double v : s.values()) {
        maxY = Math.max(maxY, v == null ? 0 : v);
      }
    }
    maxY = niceMax(maxY, 0);
    Frame f = new Frame(0, categories.size(), 0, maxY);
    StringBuilder svg = open(safeId, title);
    axes(svg, f, xLabel, yLabel);
    double group = f.plotWidth() / categories.size();
    double bar = Math.max(1, (group * 0.8) / series.size());
    for (int c = 0; c < categories.size(); c++) {
      svg.append(
          text(
              LEFT + group * c + group / 2,
              TOP + f.plotHeight() + 16,
              "middle",
              shorten(categories.get(c), Math.max(4, (int) (group / 6.5))),
              "tick"));
    }
    for (int s = 0; s < series.size(); s++) {
      Bars b = series.get(s);
      svg.append("<g class=\"series\" data-series=\"").append(escape(b.name())).append("\">");
      for (int c = 0; c < categories.size(); c++) {
        double v = c < b.values().size() && b.values().get(c) != null ? b.values().get(c) : 0;
        double x = LEFT + group * c + group * 0.1 + bar * s;
        svg.append("<rect fill=\"")
            .append(COLOURS[s % COLOURS.length])
            .append("\" x=\"")
            .append(fixed(x))
            .append("\" y=\"")
            .append(fixed(f.py(v)))
            .append("\" width=\"")
            .append(fixed(bar))
            .append("\" height=\"")
            .append(fixed(f.py(0) - f.py(v)))
            .append("\"><title>")
            .append(escape(b.name() + ", " + categories.get(c) + ": " + Readable.number(v)))
            .append("</title></rect>");
      }
      svg.append("</g>");
    }
    List<String> names = series.stream().map(Bars::name).toList();
    legend(svg, names, names.stream().map(n -> false).toList());
    svg.append("</svg>");
    List<String> columns = new ArrayList<>();
    columns.add(xLabel);
    columns.addAll(names);
    List<List<String>> rows = new ArrayList<>();
    StringBuilder summary = new StringBuilder();
    for (int c = 0; c < categories.size(); c++) {
      List<String> row = new ArrayList<>();
      row.add(categories.get(c));
      List<String> values = new ArrayList<>();
      for (Bars b : series) {
        double v = c < b.values().size() && b.values().get(c) != null ? b.values().get(c) : 0;
        row.add(Readable.number(v));
        if (v != 0) {
          values.add(b.name() + " " + Readable.number(v));
        }
      }
      rows.add(row);
      if (!values.isEmpty()) {
        summary
            .append(summary.length() == 0 ? "" : "; ")
            .append(categories.get(c))
            .append(": ")
            .append(String.join(", ", values));
      }
    }
    String desc = title + ". " + summary + ".";
    return new Chart(safeId, title, withDescription(svg, safeId, desc), names, desc, columns, rows);
  }

  private record Frame(double minX, double maxX, double minY, double maxY) {
    double plotWidth() {
      return WIDTH - LEFT - RIGHT;
    }

    double plotHeight() {
      return HEIGHT - TOP - BOTTOM;
    }

    double px(double x) {
      return LEFT + (x - minX) / (maxX - minX) * plotWidth();
    }

    double py(double y) {
      return TOP + plotHeight() - (y - minY) / (maxY - minY) * plotHeight();
    }
  }

  private static StringBuilder open(String id, String title) {
    return new StringBuilder()
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\"")
        .append(" width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\"")
        .append(" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\"")
        .append(" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"11\"")
        .append(" data-chart=\"")
        .append(id)
        .append("\" aria-labelledby=\"")
        .append(id)
        .append("-title ")
        .append(id)
        .append("-desc\"><title id=\"")
        .append(id)
        .append("-title\">")
        .append(escape(title))
        .append("</title>");
  }

  private static String withDescription(StringBuilder svg, String id, String desc) {
    String marker = "</title>";
    int at = svg.indexOf(marker) + marker.length();
    svg.insert(at, "<desc id=\"" + id + "-desc\">" + escape(desc) + "</desc>");
    return svg.toString();
  }

  private static void axes(StringBuilder svg, Frame f, String xLabel, String yLabel) {
    double bottom = TOP + f.plotHeight();
    svg.append("<g class=\"axes\" stroke=\"#555\" stroke-width=\"1\">")
        .append(line(LEFT, TOP, LEFT, bottom))
        .append(line(LEFT, bottom, LEFT + f.plotWidth(), bottom))
        .append("</g>");
    for (int t = 0; t <= 4; t++) {
      double y = f.minY() + (f.maxY() - f.minY()) * t / 4;
      svg.append("<g class=\"grid\" stroke=\"#ddd\" stroke-width=\"1\">")
          .append(line(LEFT + 1, f.py(y), LEFT + f.plotWidth(), f.py(y)))
          .append("</g>");
      svg.append(text(LEFT - 6, f.py(y) + 4, "end", Readable.number(y), "tick"));
    }
    svg.append(text(LEFT + f.plotWidth() / 2, bottom + 34, "middle", xLabel, "axis-label"));
    svg.append("<text class=\"axis-label\" fill=\"#1b1b1b\" text-anchor=\"middle\"")
        .append(" transform=\"translate(14,")
        .append(fixed(TOP + f.plotHeight() / 2))
        .append(") rotate(-90)\">")
        .append(escape(yLabel))
        .append("</text>");
  }

  private static void legend(StringBuilder svg, List<String> names, List<Boolean> limits) {
    svg.append("<g class=\"legend\">");
    double x = LEFT;
    double y = HEIGHT - 16;
    int colour = 0;
    for (int i = 0; i < names.size(); i++) {
      boolean limit = limits.get(i);
      String c = limit ? LIMIT_COLOUR : COLOURS[colour++ % COLOURS.length];
      String name = shorten(names.get(i), 28);
      double width = 22 + name.length() * 6.5;
      if (x + width > WIDTH - RIGHT && x > LEFT) {
        x = LEFT;
        y += 14;
      }
      svg.append("<g class=\"legend-item\">")
          .append("<line stroke=\"")
          .append(c)
          .append("\" stroke-width=\"")
          .append(limit ? "2\" stroke-dasharray=\"4 3\"" : "6\"")
          .append(" x1=\"")
          .append(fixed(x))
          .append("\" y1=\"")
          .append(fixed(y - 4))
          .append("\" x2=\"")
          .append(fixed(x + 14))
          .append("\" y2=\"")
          .append(fixed(y - 4))
          .append("\"/>")
          .append(text(x + 18, y, "start", name, "legend-label"))
          .append("</g>");
      x += width + 10;
    }
    svg.append("</g>");
  }

  private static String line(double x1, double y1, double x2, double y2) {
    return "<line x1=\""
        + fixed(x1)
        + "\" y1=\""
        + fixed(y1)
        + "\" x2=\""
        + fixed(x2)
        + "\" y2=\""
        + fixed(y2)
        + "\"/>";
  }

  private static String text(double x, double y, String anchor, String text, String cls) {
    return "<text class=\""
        + cls
        + "\" fill=\"#1b1b1b\" x=\""
        + fixed(x)
        + "\" y=\""
        + fixed(y)
        + "\" text-anchor=\""
        + anchor
        + "\">"
        + escape(text)
        + "</text>";
  }

  private static String valueAt(Line line, double x) {
    if (line.limit()) {
      return Readable.number(line.points().get(0).y());
    }
    for (Point p : line.points()) {
      if (p.x() == x) {
        return Readable.number(p.y());
      }
    }
    return "";
  }

  private static double niceMax(double max, double min) {
    if (max <= min) {
      return min + 1;
    }
    double span = (max - min) * 1.1;
    double step = Math.pow(10, Math.floor(Math.log10(span)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * step >= span) {
        return min + m * step;
      }
    }
    return min + 10 * step;
  }

  private static String shorten(String text, int max) {
    String t = text == null ? "" : text;
    return t.length() <= max ? t : t.substring(0, Math.max(1, max - 1)) + "…";
  }

  private static String fixed(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Letters, digits, - and _ only, so the id can never break out of an attribute. */
  static String safeId(String id) {
    String s = id == null ? "chart" : id.replaceAll("[^A-Za-z0-9_-]", "_");
    return s.isEmpty() ? "chart" : s;
  }

  /** Escapes text and attribute values; control characters become U+FFFD. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }

  private SvgChart() {}
}
