package org.unodc.uponrequest.metrics;

import java.util.List;
import java.util.Map;

/**
 * One figure of the dashboard as a table: the chart draws it, the JSON is it, the CSV is it row by
 * row, so the three never disagree.
 *
 * @param figure the figure's name, as in /api/metrics/{figure}
 * @param columns the columns, in order; each row has a value (possibly null) for each
 */
record MetricsTable(String figure, String title, List<String> columns, List<Map<String, Object>> rows) {}
