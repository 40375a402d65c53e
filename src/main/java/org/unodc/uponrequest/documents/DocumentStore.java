package org.unodc.uponrequest.documents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Repository;
import org.unodc.uponrequest.intake.RequestRegistered;

/**
 * The documents' tables ({@code UR_DOCUMENT}, {@code UR_DOCUMENT_CONTENT}, schema.sql): what each
 * document is in one, its bytes in the other, so a listing never reads content. The content goes
 * through JDBC as bytes ({@code setBytes}/{@code getBytes}) into a {@code BYTEA} column:
 * PostgreSQL's binary type, which H2 2.x reads as {@code BINARY VARYING}, so one schema serves both.
 */
@Repository
class DocumentStore {

  private final NamedParameterJdbcTemplate jdbc;

  DocumentStore(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Locks the request's row in the request index for the rest of the transaction, so that two
   * uploads to one request count its documents one after the other. False if it is not indexed.
   */
  boolean lockRequest(String processInstanceId) {
    return !jdbc.queryForList("SELECT PROC_INST_ID_ FROM UR_REQUEST WHERE PROC_INST_ID_ = :id FOR UPDATE",
        new MapSqlParameterSource("id", processInstanceId), String.class).isEmpty();
  }

  /** The documents filed with a request before its process instance started now belong to the instance. */
  @EventListener
  void registered(RequestRegistered request) {
    jdbc.update("UPDATE UR_DOCUMENT SET PROC_INST_ID_ = :id WHERE PROC_INST_ID_ = :reference",
        new MapSqlParameterSource("id", request.processInstanceId()).addValue("reference", request.reference()));
  }

  int count(String processInstanceId) {
    Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM UR_DOCUMENT WHERE PROC_INST_ID_ = :id",
        new MapSqlParameterSource("id", processInstanceId), Integer.class);
    return count == null ? 0 : count;
  }

  void insert(Document document, byte[] content) {
    jdbc.update("INSERT INTO UR_DOCUMENT (ID_, PROC_INST_ID_, REFERENCE_, UPLOADED_BY_, UPLOADER_STATE_, UPLOADED_AT_, "
        + "NAME_, MEDIA_TYPE_, SIZE_, SHA256_) VALUES (:id, :request, :reference, :user, :state, :at, :name, :type, :size, :sha)",
        new MapSqlParameterSource("id", document.id()).addValue("request", document.processInstanceId())
            .addValue("reference", document.reference()).addValue("user", document.uploadedBy())
            .addValue("state", document.uploaderState()).addValue("at", new Timestamp(document.uploadedAt().getTime()))
            .addValue("name", document.name()).addValue("type", document.mediaType()).addValue("size", document.size())
            .addValue("sha", document.sha256()));
    jdbc.getJdbcTemplate().update("INSERT INTO UR_DOCUMENT_CONTENT (ID_, CONTENT_) VALUES (?, ?)", statement -> {
      statement.setString(1, document.id());
      statement.setBytes(2, content);
    });
  }

  /** The request's documents, oldest first. */
  List<Document> list(String processInstanceId) {
    return jdbc.query("SELECT * FROM UR_DOCUMENT WHERE PROC_INST_ID_ = :id ORDER BY UPLOADED_AT_, ID_",
        new MapSqlParameterSource("id", processInstanceId), DocumentStore::document);
  }

  Optional<Document> find(String processInstanceId, String documentId) {
    return jdbc.query("SELECT * FROM UR_DOCUMENT WHERE PROC_INST_ID_ = :request AND ID_ = :id",
        new MapSqlParameterSource("request", processInstanceId).addValue("id", documentId), DocumentStore::document)
        .stream().findFirst();
  }

  byte[] content(String documentId) {
    return jdbc.getJdbcTemplate().query("SELECT CONTENT_ FROM UR_DOCUMENT_CONTENT WHERE ID_ = ?",
        row -> row.next() ? row.getBytes(1) : null, documentId);
  }

  private static Document document(ResultSet row, int number) throws SQLException {
    String state = row.getString("UPLOADER_STATE_");
    return new Document(row.getString("ID_"), row.getString("REFERENCE_"), row.getString("NAME_"),
        row.getString("MEDIA_TYPE_"), row.getLong("SIZE_"), row.getString("SHA256_"), row.getTimestamp("UPLOADED_AT_"),
        state == null ? Document.UNODC : state, row.getString("UPLOADED_BY_"), row.getString("PROC_INST_ID_"));
  }
}
