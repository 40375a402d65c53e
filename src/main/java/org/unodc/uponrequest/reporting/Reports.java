package org.unodc.uponrequest.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The reports (UR_REPORT): one row per run of the report process, written by its steps in the
 * engine's transaction, so a step that fails and is tried again leaves no half-written report.
 * Listings read the small columns only, never the figures, the HTML or the PDF.
 */
@Repository
class Reports {

  /** A report as listed and as its pages need it; the documents themselves are read apart. */
  record Report(long id, String processInstanceId, LocalDate from, LocalDate to, String title, ReportStatus status,
      String requestedBy, Instant compiledAt, int compilations, String reviewComment, String approver, Instant approvedAt,
      Instant publishedAt) {

    ReportPeriod period() {
      return new ReportPeriod(from, to);
    }

    boolean published() {
      return status == ReportStatus.PUBLISHED;
    }
  }

  private static final String COLUMNS = "ID_, PROC_INST_ID_, PERIOD_FROM_, PERIOD_TO_, TITLE_, STATUS_, REQUESTED_BY_, "
      + "COMPILED_AT_, COMPILATIONS_, REVIEW_COMMENT_, APPROVER_, APPROVED_AT_, PUBLISHED_AT_";
  /** Enough for decades of yearly reports and the periods managers ask for in between. */
  static final int LISTED = 500;

  private final NamedParameterJdbcTemplate jdbc;

  Reports(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The report of a process instance compiled (again): a draft with these figures and this HTML,
   * waiting for review. A report compiled again keeps its id and counts the compilation.
   */
  long compiled(String processInstanceId, ReportPeriod period, String title, String requestedBy, Instant at,
      byte[] figures, byte[] html) {
    MapSqlParameterSource values = new MapSqlParameterSource("process", processInstanceId)
        .addValue("from", period.from()).addValue("to", period.to()).addValue("title", title)
        .addValue("requestedBy", requestedBy).addValue("at", Timestamp.from(at)).addValue("figures", figures)
        .addValue("html", html).addValue("status", ReportStatus.DRAFT.name());
    int updated = jdbc.update("UPDATE UR_REPORT SET STATUS_ = :status, COMPILED_AT_ = :at, COMPILATIONS_ = COMPILATIONS_ + 1, "
        + "FIGURES_ = :figures, HTML_ = :html, PDF_ = NULL WHERE PROC_INST_ID_ = :process", values);
    if (updated == 0) {
      jdbc.update("INSERT INTO UR_REPORT (PROC_INST_ID_, PERIOD_FROM_, PERIOD_TO_, TITLE_, STATUS_, REQUESTED_BY_, "
          + "COMPILED_AT_, COMPILATIONS_, FIGURES_, HTML_) VALUES (:process, :from, :to, :title, :status, :requestedBy, :at, 1, "
          + ":figures, :html)", values);
    }
    // read back rather than asked of the driver: generated keys are spelled differently by H2 and PostgreSQL
    return jdbc.queryForObject("SELECT ID_ FROM UR_REPORT WHERE PROC_INST_ID_ = :process", values, Long.class);
  }

  void sentBack(long id, String comment) {
    jdbc.update("UPDATE UR_REPORT SET STATUS_ = :status, REVIEW_COMMENT_ = :comment WHERE ID_ = :id",
        new MapSqlParameterSource("id", id).addValue("status", ReportStatus.SENT_BACK.name()).addValue("comment", comment));
  }

  void approved(long id, String approver, Instant at) {
    jdbc.update("UPDATE UR_REPORT SET STATUS_ = :status, APPROVER_ = :approver, APPROVED_AT_ = :at WHERE ID_ = :id",
        new MapSqlParameterSource("id", id).addValue("status", ReportStatus.APPROVED.name()).addValue("approver", approver)
            .addValue("at", Timestamp.from(at)));
  }

  void published(long id, byte[] html, byte[] pdf, Instant at) {
    jdbc.update("UPDATE UR_REPORT SET STATUS_ = :status, HTML_ = :html, PDF_ = :pdf, PUBLISHED_AT_ = :at WHERE ID_ = :id",
        new MapSqlParameterSource("id", id).addValue("status", ReportStatus.PUBLISHED.name()).addValue("html", html)
            .addValue("pdf", pdf).addValue("at", Timestamp.from(at)));
  }

  /** Newest first. */
  List<Report> list() {
    return jdbc.query("SELECT " + COLUMNS + " FROM UR_REPORT ORDER BY ID_ DESC FETCH FIRST " + LISTED + " ROWS ONLY",
        new MapSqlParameterSource(), REPORT);
  }

  Optional<Report> find(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM UR_REPORT WHERE ID_ = :id", new MapSqlParameterSource("id", id), REPORT)
        .stream().findFirst();
  }

  Optional<Report> ofProcess(String processInstanceId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM UR_REPORT WHERE PROC_INST_ID_ = :process",
        new MapSqlParameterSource("process", processInstanceId), REPORT).stream().findFirst();
  }

  byte[] figures(long id) {
    return bytes("FIGURES_", id).orElseThrow(() -> new IllegalStateException("No report " + id));
  }

  Optional<byte[]> html(long id) {
    return bytes("HTML_", id);
  }

  /** The PDF, once the report is published. */
  Optional<byte[]> pdf(long id) {
    return bytes("PDF_", id);
  }

  private Optional<byte[]> bytes(String column, long id) {
    // the column is one of this class's constants, never input
    return jdbc.query("SELECT " + column + " FROM UR_REPORT WHERE ID_ = :id", new MapSqlParameterSource("id", id),
        (row, number) -> row.getBytes(1)).stream().filter(java.util.Objects::nonNull).findFirst();
  }

  private static final RowMapper<Report> REPORT = (ResultSet row, int number) -> new Report(row.getLong("ID_"),
      row.getString("PROC_INST_ID_"), row.getObject("PERIOD_FROM_", LocalDate.class),
      row.getObject("PERIOD_TO_", LocalDate.class), row.getString("TITLE_"), ReportStatus.valueOf(row.getString("STATUS_")),
      row.getString("REQUESTED_BY_"), instant(row, "COMPILED_AT_"), row.getInt("COMPILATIONS_"),
      row.getString("REVIEW_COMMENT_"), row.getString("APPROVER_"), instant(row, "APPROVED_AT_"),
      instant(row, "PUBLISHED_AT_"));

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp at = row.getTimestamp(column);
    return at == null ? null : at.toInstant();
  }
}
