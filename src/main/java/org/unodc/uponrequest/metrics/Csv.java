package org.unodc.uponrequest.metrics;

import java.util.Map;
import java.util.stream.Collectors;

/** A figure as CSV (RFC 4180): a header of its columns, a line per row. */
final class Csv {

  private Csv() {}

  static String of(MetricsTable table) {
    StringBuilder csv = new StringBuilder();
    csv.append(table.columns().stream().map(Csv::cell).collect(Collectors.joining(","))).append("\r\n");
    for (Map<String, Object> row : table.rows()) {
      csv.append(table.columns().stream().map(column -> cell(row.get(column))).collect(Collectors.joining(",")))
          .append("\r\n");
    }
    return csv.toString();
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Number) {
      return value.toString();
    }
    String text = value.toString();
    // a spreadsheet would run a cell starting with one of these as a formula
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r") || text.startsWith("'")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
