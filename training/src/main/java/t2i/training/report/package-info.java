/**
 * {@code t2i report}: a run folder read into a {@link t2i.training.report.RunReport}
 * (configuration, logged scalars, checkpoint progress, sample and other grids, evaluations) and
 * rendered by {@link t2i.training.report.ReportHtml} as one self-contained HTML page, with charts
 * drawn by XChart and every image embedded as a PNG data URI.
 */
package t2i.training.report;
