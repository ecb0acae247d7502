package t2i.training.report;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import t2i.data.ClassLevel;
import t2i.training.embedding.EmbeddingEvaluator;
import t2i.training.embedding.EmbeddingEvaluator.SplitScores;
import t2i.training.embedding.ZeroShotEvaluation.Scores;
import t2i.training.gan.GanEvaluator;
import t2i.training.style.StyleEvaluator;

/**
 * A {@link RunReport} as one HTML page that needs nothing else: no scripts, no external style
 * sheets or fonts, charts and images embedded as {@code data:image/png;base64} URIs. All text from
 * the run (paths, captions, configuration values) is escaped.
 */
public final class ReportHtml {
  private static final Escaper ESCAPER = HtmlEscapers.htmlEscaper();
  private static final String CSS =
      """
      body { font-family: sans-serif; margin: 24px auto; max-width: 1040px; padding: 0 16px;
             color: #222; background: #fff; line-height: 1.4; }
      h1 { font-size: 1.6em; margin-bottom: 0.2em; }
      h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.6em; }
      table { border-collapse: collapse; margin: 0.6em 0; }
      th, td { border: 1px solid #ccc; padding: 3px 10px; text-align: left; vertical-align: top; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      th { background: #f3f3f3; }
      figure { margin: 1em 0; }
      figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
      figcaption { color: #555; font-size: 0.9em; }
      .earlier { display: flex; gap: 2%; }
      .earlier figure { flex: 1 1 0; min-width: 0; }
      .definition { color: #444; font-size: 0.92em; max-width: 60em; }
      .note { color: #8a5a00; }
      code { background: #f3f3f3; padding: 0 3px; }
      pre { background: #f7f7f7; padding: 8px; overflow-x: auto; font-size: 0.85em; }
      """;

  /** The kinds whose trainers write sample grids. */
  private static final Set<String> SAMPLED_KINDS = Set.of("gan", "layout-image", "boxes", "shapes");

  private ReportHtml() {}

  public static String render(RunReport r) throws IOException {
    StringBuilder h = new StringBuilder();
    String name = r.dir().toAbsolutePath().normalize().getFileName() + "";
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>t2i report: ")
        .append(esc(name))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>t2i report: ").append(esc(name)).append("</h1>\n");
    summary(h, r);
    curves(h, r);
    evaluations(h, r);
    samples(h, r);
    grids(h, r);
    configuration(h, r);
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void summary(StringBuilder h, RunReport r) {
    h.append("<section id=\"summary\">\n<table>\n");
    row(h, "run folder", code(r.dir().toString()));
    row(h, "kind", esc(r.kind()));
    if (r.checkpoint() != null) {
      row(h, "steps", r.checkpoint().step() + " (latest checkpoint)");
      row(
          h,
          "wall time",
          hoursMinutes(r.checkpoint().elapsedSeconds())
              + " (h:mm of training over all sessions, up to the latest checkpoint)");
    } else {
      row(h, "steps", "no checkpoint yet");
    }
    if (r.losses() != null) {
      row(
          h,
          "losses.csv",
          r.losses().rows()
              + " rows; last logged step "
              + r.losses().lastStep()
              + " at "
              + hoursMinutes(r.losses().lastSeconds()));
    }
    h.append("</table>\n</section>\n");
  }

  private static void curves(StringBuilder h, RunReport r) {
    h.append("<section id=\"curves\">\n<h2>Training curves</h2>\n");
    if (r.losses() == null) {
      h.append("<p>No losses.csv yet: the run has not logged a step.</p>\n");
    } else {
      List<LossCharts.Chart> charts = LossCharts.draw(r.losses());
      if (charts.isEmpty()) {
        h.append("<p>losses.csv has no logged values yet.</p>\n");
      }
      for (LossCharts.Chart c : charts) {
        h.append("<figure>")
            .append(img(c.png(), c.title() + ": " + String.join(", ", c.scalars()) + " by step"));
        for (String note : c.notes()) {
          h.append("<figcaption class=\"note\">").append(esc(note)).append("</figcaption>");
        }
        h.append("</figure>\n");
      }
      for (LossLog.Series s : r.losses().series()) {
        if (s.nonFinite() > 0) {
          h.append("<p class=\"note\">")
              .append(esc(s.name()))
              .append(": ")
              .append(s.nonFinite())
              .append(" NaN or infinite values, not drawn.</p>\n");
        }
      }
    }
    h.append("</section>\n");
  }

  private static void samples(StringBuilder h, RunReport r) throws IOException {
    if (r.samples().isEmpty() && !SAMPLED_KINDS.contains(r.kind())) {
      return;
    }
    h.append("<section id=\"samples\">\n<h2>Samples</h2>\n");
    if (r.samples().isEmpty()) {
      h.append("<p>No sample grids yet.</p>\n");
    } else {
      h.append("<p>The newest sample grids (fixed noise and captions), newest first.</p>\n");
      figure(h, r.samples().get(0));
    }
    if (r.samples().size() > 1) {
      h.append("<div class=\"earlier\">\n");
      for (RunReport.Picture p : r.samples().subList(1, r.samples().size())) {
        figure(h, p);
      }
      h.append("</div>\n");
    }
    h.append("</section>\n");
  }

  private static void grids(StringBuilder h, RunReport r) throws IOException {
    h.append("<section id=\"grids\">\n<h2>Grids</h2>\n");
    if (r.grids().isEmpty()) {
      h.append(
          "<p>No PNG files in the run folder (interpolation or style-transfer grids appear here"
              + " when their --out points into it).</p>\n");
    }
    for (RunReport.Picture p : r.grids()) {
      figure(h, p);
    }
    h.append("</section>\n");
  }

  private static void evaluations(StringBuilder h, RunReport r) {
    h.append("<section id=\"evaluation\">\n<h2>Evaluation</h2>\n");
    boolean any = false;
    if (r.embeddingEval() != null) {
      embedding(h, r.embeddingEval(), r);
      any = true;
    }
    if (r.ganEval() != null) {
      gan(h, r.ganEval(), r);
      any = true;
    }
    if (r.styleEval() != null) {
      style(h, r.styleEval(), r);
      any = true;
    }
    if (r.boxEval() != null) {
      printedTable(
          h,
          "Box generator: sampled layouts against the captions' facts",
          r.boxEval().step(),
          "boxes",
          r,
          r.boxEval().format());
      any = true;
    }
    if (r.shapeEval() != null) {
      printedTable(
          h,
          "Shape generator: mask IoU",
          r.shapeEval().step(),
          "shapes",
          r,
          r.shapeEval().format());
      any = true;
    }
    if (r.sceneEval() != null) {
      printedTable(
          h,
          "Scenes: the pipeline's images, judged",
          r.sceneEval().judgeStep(),
          "scenes",
          r,
          r.sceneEval().format());
      any = true;
    }
    boolean own =
        switch (r.kind()) {
          case "embedding" -> r.embeddingEval() != null;
          case "gan" -> r.ganEval() != null;
          case "style" -> r.styleEval() != null;
          case "boxes" -> r.boxEval() != null;
          case "shapes" -> r.shapeEval() != null;
          default -> true;
        };
    if (!own) {
      h.append("<p>Not evaluated yet: run <code>")
          .append(esc("t2i eval " + r.kind() + " " + r.dir()))
          .append("</code>.</p>\n");
    } else if (!any) {
      h.append("<p>Not evaluated yet.</p>\n");
    }
    h.append("</section>\n");
  }

  private static void embedding(StringBuilder h, EmbeddingEvaluator.Report e, RunReport r) {
    h.append("<h3>Joint embedding: retrieval and zero-shot scores</h3>\n");
    evaluated(h, e.step(), "embedding", r, "dataset " + e.dataset());
    h.append("<table>\n<tr><th>split</th><th>images</th><th>R-precision, real</th>")
        .append("<th>chance</th></tr>\n");
    for (Map.Entry<String, SplitScores> entry : e.splits().entrySet()) {
      SplitScores s = entry.getValue();
      h.append("<tr><td>")
          .append(esc(entry.getKey()))
          .append("</td>")
          .append(num(Integer.toString(s.records())))
          .append(num(percent(s.rPrecisionReal())))
          .append(num(percent(s.rPrecisionChance())))
          .append("</tr>\n");
    }
    h.append("</table>\n");
    h.append("<table>\n<tr><th>split</th><th>classes</th><th>count</th><th>top-1</th>")
        .append("<th>per-class top-1</th><th>chance</th><th>AP@50</th><th>chance</th></tr>\n");
    for (Map.Entry<String, SplitScores> entry : e.splits().entrySet()) {
      zeroShotRow(h, entry.getKey(), ClassLevel.CONCEPT, entry.getValue().concept());
      zeroShotRow(h, entry.getKey(), ClassLevel.SUBCATEGORY, entry.getValue().subcategory());
    }
    h.append("</table>\n");
    definition(h, e.definitions());
  }

  private static void zeroShotRow(StringBuilder h, String split, ClassLevel level, Scores s) {
    h.append("<tr><td>")
        .append(esc(split))
        .append("</td><td>")
        .append(esc(level.label()))
        .append("</td>")
        .append(num(Integer.toString(s.classes())))
        .append(num(percent(s.top1())))
        .append(num(percent(s.top1ClassMean())))
        .append(num(percent(s.chanceTop1())))
        .append(num(percent(s.ap50())))
        .append(num(percent(s.chanceAp50())))
        .append("</tr>\n");
  }

  private static void gan(StringBuilder h, GanEvaluator.Report g, RunReport r) {
    h.append("<h3>Generator: R-precision, Fr&eacute;chet distance, judge</h3>\n");
    String judge =
        g.judgeRun() == null
            ? "no judge"
            : String.format(
                Locale.ROOT,
                "judge %s at step %d (reliability: cross-style concept top-1 %s)",
                g.judgeRun(),
                g.judgeStep(),
                g.judgeReliability() == null ? "not measured" : percent(g.judgeReliability()));
    evaluated(
        h,
        g.step(),
        "gan",
        r,
        String.format(
            Locale.ROOT,
            "joint embedding %s at step %d; %s; seed %d",
            g.embeddingRun(),
            g.embeddingStep(),
            judge,
            g.seed()));
    h.append("<table>\n<tr><th>split</th><th></th><th>generated</th><th>real</th>")
        .append("<th>reference</th></tr>\n");
    for (Map.Entry<String, GanEvaluator.SplitReport> e : g.splits().entrySet()) {
      GanEvaluator.SplitReport s = e.getValue();
      String split = e.getKey() + " (" + s.images() + ")";
      ganRow(
          h,
          split,
          "R-precision (1 of " + s.candidates() + " captions)",
          percent(s.rPrecisionGenerated()),
          percent(s.rPrecisionReal()),
          "chance " + percent(s.rPrecisionChance()));
      ganRow(
          h,
          split,
          "Fréchet distance, joint-embedding space",
          decimal(s.frechetGeneratedVsReal()),
          decimal(s.frechetRealHalves()),
          "real: one half vs the other");
      GanEvaluator.JudgeScores j = s.judge();
      if (j != null) {
        ganRow(
            h,
            split,
            "judge: concept top-1 (recognition rate)",
            percent(j.generated().conceptTop1()),
            percent(j.real().conceptTop1()),
            "top-5 "
                + percent(j.generated().conceptTop5())
                + " / "
                + percent(j.real().conceptTop5()));
        ganRow(
            h,
            split,
            "judge: subcategory top-1",
            percent(j.generated().subcategoryTop1()),
            percent(j.real().subcategoryTop1()),
            "");
        ganRow(
            h,
            split,
            "judge Inception Score",
            decimal(j.inceptionScoreGenerated()),
            decimal(j.inceptionScoreReal()),
            "");
        ganRow(
            h,
            split,
            "judge Fréchet distance",
            decimal(j.frechetGeneratedVsReal()),
            decimal(j.frechetRealHalves()),
            "real: one half vs the other");
      }
    }
    h.append("</table>\n");
    definition(h, g.definitions());
  }

  private static void ganRow(
      StringBuilder h, String split, String what, String generated, String real, String ref) {
    h.append("<tr><td>")
        .append(esc(split))
        .append("</td><td>")
        .append(esc(what))
        .append("</td>")
        .append(num(generated))
        .append(num(real))
        .append("<td>")
        .append(esc(ref))
        .append("</td></tr>\n");
  }

  private static String decimal(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static void style(StringBuilder h, StyleEvaluator.Report s, RunReport r) {
    h.append("<h3>Style encoder: disentanglement</h3>\n");
    evaluated(h, s.step(), "style", r, "generator " + s.gan() + " at step " + s.ganStep());
    h.append("<table>\n<tr><th>GAN loss</th><th>held-out L_style</th><th>AUC art style</th>")
        .append("<th>AUC skin tone</th></tr>\n<tr><td>")
        .append(esc(s.ganLoss()))
        .append("</td>")
        .append(num(String.format(Locale.ROOT, "%.2f", s.heldOutLoss())))
        .append(num(String.format(Locale.ROOT, "%.3f", s.artStyle().auc())))
        .append(
            num(
                s.skinTone() == null
                    ? "n/a"
                    : String.format(Locale.ROOT, "%.3f", s.skinTone().auc())))
        .append("</tr>\n</table>\n");
    definition(h, s.definitions());
  }

  /** An evaluation as the table its {@code t2i eval} command prints: one source of the figures. */
  private static void printedTable(
      StringBuilder h, String title, long step, String kind, RunReport r, String table) {
    h.append("<h3>").append(esc(title)).append("</h3>\n");
    evaluated(h, step, kind, r, "as t2i eval " + kind + " printed it");
    h.append("<pre>").append(esc(table)).append("</pre>\n");
  }

  /** Which checkpoint was scored, and a warning when it is not the latest one. */
  private static void evaluated(
      StringBuilder h, long step, String kind, RunReport r, String details) {
    h.append("<p>Scored at step ").append(step).append("; ").append(esc(details)).append(".");
    if (r.checkpoint() != null && r.checkpoint().step() != step && kind.equals(r.kind())) {
      h.append(" <span class=\"note\">The latest checkpoint is step ")
          .append(r.checkpoint().step())
          .append(": run <code>")
          .append(esc("t2i eval " + kind + " " + r.dir()))
          .append("</code> again for current numbers.</span>");
    }
    h.append("</p>\n");
  }

  private static void configuration(StringBuilder h, RunReport r) {
    h.append("<section id=\"configuration\">\n<h2>Configuration</h2>\n")
        .append("<p>As resolved and saved in config.json.</p>\n<table>\n")
        .append("<tr><th>key</th><th>value</th></tr>\n");
    for (RunReport.Setting s : r.config()) {
      row(h, esc(s.key()), code(s.value()));
    }
    h.append("</table>\n</section>\n");
  }

  private static void figure(StringBuilder h, RunReport.Picture p) throws IOException {
    byte[] bytes = Files.readAllBytes(p.file());
    h.append("<figure>");
    if (decodes(bytes)) {
      h.append(img(bytes, p.caption()));
    } else {
      h.append("<p class=\"note\">Not a readable PNG: ").append(esc(p.file().toString()));
      h.append("</p>");
    }
    h.append("<figcaption>").append(esc(p.caption())).append("</figcaption></figure>\n");
  }

  private static boolean decodes(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      return image != null && image.getWidth() > 0;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static String img(byte[] png, String alt) {
    return "<img src=\"data:image/png;base64,"
        + Base64.getEncoder().encodeToString(png)
        + "\" alt=\""
        + esc(alt)
        + "\">";
  }

  private static void definition(StringBuilder h, String text) {
    h.append("<p class=\"definition\">").append(esc(text)).append("</p>\n");
  }

  private static void row(StringBuilder h, String keyHtml, String valueHtml) {
    h.append("<tr><th>")
        .append(keyHtml)
        .append("</th><td>")
        .append(valueHtml)
        .append("</td></tr>\n");
  }

  private static String num(String text) {
    return "<td class=\"num\">" + esc(text) + "</td>";
  }

  private static String code(String text) {
    return "<code>" + esc(text) + "</code>";
  }

  static String esc(String text) {
    return ESCAPER.escape(text);
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  /** {@code h:mm}, e.g. 3000 s is {@code 0:50}. */
  static String hoursMinutes(double seconds) {
    long minutes = Math.round(seconds / 60);
    return String.format(Locale.ROOT, "%d:%02d", minutes / 60, minutes % 60);
  }
}
