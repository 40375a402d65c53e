package org.unodc.uponrequest.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * What a piece of work makes an H2 database do, counted by the database itself ({@code SET QUERY_STATISTICS},
 * {@code INFORMATION_SCHEMA.QUERY_STATISTICS}): statements by kind and the rows they wrote, by table. Unlike a
 * timing this does not depend on the machine's load. Counts everything the database runs meanwhile (a node's own
 * background work included) except the statistics' own statements.
 *
 * @param tasks the completed user tasks the work reports
 * @param statements statements executed by kind (SELECT, INSERT, UPDATE, DELETE, other)
 * @param rows rows read (SELECT) or written by kind
 * @param written rows inserted, updated or deleted by table, as "INSERT ACT_HI_VARINST"
 * @param listing each statement with its executions and rows per task, most executed first
 */
record Statements(long tasks, Map<String, Long> statements, Map<String, Long> rows, Map<String, Long> written,
    List<String> listing) {

  private static final Pattern WRITE = Pattern.compile(
      "^\\s*(insert\\s+into|update|delete\\s+from|merge\\s+into)\\s+\"?([A-Za-z0-9_.]+)", Pattern.CASE_INSENSITIVE);

  /** Runs the work with the database's query statistics on; the work answers how many user tasks it completed. */
  static Statements counted(DataSource database, LongSupplier work) {
    try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
      sql.execute("SET QUERY_STATISTICS FALSE"); // drops what an earlier count left
      sql.execute("SET QUERY_STATISTICS_MAX_ENTRIES 100000");
      sql.execute("SET QUERY_STATISTICS TRUE");
      long tasks = work.getAsLong();
      Map<String, Long> statements = new TreeMap<>();
      Map<String, Long> rows = new TreeMap<>();
      Map<String, Long> written = new TreeMap<>();
      List<String> listing = new ArrayList<>();
      try (ResultSet row = sql.executeQuery(
          "SELECT SQL_STATEMENT, EXECUTION_COUNT, CUMULATIVE_ROW_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
        while (row.next()) {
          String statement = row.getString(1);
          if (statement.contains("QUERY_STATISTICS")) {
            continue;
          }
          long executions = row.getLong(2);
          long count = row.getLong(3);
          listing.add(String.format(Locale.ROOT, "%8.2f %8.2f  %s", executions / (double) tasks, count / (double) tasks,
              statement.replaceAll("\\s+", " ")));
          String kind = kind(statement);
          statements.merge(kind, executions, Long::sum);
          rows.merge(kind, count, Long::sum);
          Matcher write = WRITE.matcher(statement);
          if (write.find()) {
            String table = write.group(2).toUpperCase(Locale.ROOT);
            written.merge(kind + " " + table.substring(table.lastIndexOf('.') + 1), count, Long::sum);
          }
        }
      }
      sql.execute("SET QUERY_STATISTICS FALSE");
      listing.sort(Comparator.reverseOrder());
      return new Statements(tasks, statements, rows, written, listing);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot count the database's statements", e);
    }
  }

  private static String kind(String statement) {
    String first = statement.stripLeading().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
    return switch (first) {
      case "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE" -> first;
      default -> "other";
    };
  }

  double perTask(Map<String, Long> counts, String kind) {
    return counts.getOrDefault(kind, 0L) / (double) tasks;
  }

  double rowsWrittenPerTask() {
    return perTask(rows, "INSERT") + perTask(rows, "UPDATE") + perTask(rows, "DELETE") + perTask(rows, "MERGE");
  }

  double writesPerTask() {
    return perTask(statements, "INSERT") + perTask(statements, "UPDATE") + perTask(statements, "DELETE")
        + perTask(statements, "MERGE");
  }

  /** A Markdown table of both, then the product's rows written per task by table. */
  static String report(Statements bare, Statements product) {
    Map<String, Statements> columns = new java.util.LinkedHashMap<>();
    columns.put("bare Camunda", bare);
    columns.put("product", product);
    return report(columns);
  }

  /** A Markdown table of each, in turn, then their rows written per task by table, the last one's most first. */
  static String report(Map<String, Statements> columns) {
    List<String> names = List.copyOf(columns.keySet());
    Statements last = columns.get(names.get(names.size() - 1));
    StringBuilder out = new StringBuilder("\n## Statements per completed user task (H2 query statistics)\n\n");
    out.append("Counted over ").append(String.join(", ", names.stream()
        .map(name -> columns.get(name).tasks + " tasks (" + name + ")").toList())).append(".\n\n");
    out.append("| | SELECT | INSERT (rows) | UPDATE (rows) | DELETE (rows) | writes | rows written |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (String name : names) {
      Statements s = columns.get(name);
      out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f (%.1f) | %.1f (%.1f) | %.1f (%.1f) | %.1f | %.1f |%n", name,
          s.perTask(s.statements, "SELECT"), s.perTask(s.statements, "INSERT"), s.perTask(s.rows, "INSERT"),
          s.perTask(s.statements, "UPDATE"), s.perTask(s.rows, "UPDATE"), s.perTask(s.statements, "DELETE"),
          s.perTask(s.rows, "DELETE"), s.writesPerTask(), s.rowsWrittenPerTask()));
    }
    out.append("\nRows written per task, by table:\n\n| statement and table | ").append(String.join(" | ", names))
        .append(" |\n|---|").append("---:|".repeat(names.size())).append("\n");
    var tables = new TreeMap<String, Long>();
    columns.values().forEach(s -> s.written.forEach((table, count) -> tables.merge(table, 0L, Long::sum)));
    tables.keySet().stream()
        .sorted(Comparator.comparingDouble((String table) -> -last.perTask(last.written, table)).thenComparing(table -> table))
        .forEach(table -> {
          out.append("| ").append(table);
          for (String name : names) {
            Statements s = columns.get(name);
            out.append(String.format(Locale.ROOT, " | %.2f", s.perTask(s.written, table)));
          }
          out.append(" |\n");
        });
    return out.toString();
  }
}
