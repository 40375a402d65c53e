package org.unodc.uponrequest.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.unodc.uponrequest.process.Stage;
import org.unodc.uponrequest.process.VariableValues;
import org.unodc.uponrequest.tracking.RequestIndex;

/**
 * The intake inbox ({@code UR_INBOX}): requests filed and answered, waiting for the engine to
 * register them. Filing writes here, in the filing's transaction, after the same checks the
 * engine would make; {@link Registrar} starts them. See ADR 0007 §10.
 */
@Repository
public class IntakeInbox {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A submission waiting: as filed, and how often its registration was tried. */
  record Submission(String reference, String definitionId, String user, List<String> groups, Map<String, Object> values,
      Instant filedAt, int attempts) {}

  /** How many submissions wait, how many of them failed at least once, and the oldest's filing time. */
  public record Backlog(long waiting, long failing, Instant oldestFiledAt) {}

  private final NamedParameterJdbcTemplate jdbc;
  private final ReferenceNumbers referenceNumbers;
  private final RequestEnrichment enrichment;
  private final RequestIndex index;

  IntakeInbox(NamedParameterJdbcTemplate jdbc, ReferenceNumbers referenceNumbers, RequestEnrichment enrichment,
      RequestIndex index) {
    this.jdbc = jdbc;
    this.referenceNumbers = referenceNumbers;
    this.enrichment = enrichment;
    this.index = index;
  }

  /**
   * Files a request whose values passed the start form's contract of {@code definitionId}: checks
   * what only the reference data can say (as registration will), gives it its reference, and
   * writes it to the inbox and the request index, in the caller's transaction.
   *
   * @throws org.unodc.uponrequest.process.InvalidInputException naming the field, when a code is unknown
   */
  public String file(String user, Collection<String> groups, String definitionId, Map<String, Object> values) {
    SubmittedRequest request = enrichment.check(values);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    String reference = referenceNumbers.next(Year.from(now.atZone(ZoneOffset.UTC)));
    jdbc.update("INSERT INTO UR_INBOX (REFERENCE_, DEFINITION_ID_, USER_, GROUPS_, VALUES_, FILED_AT_, ATTEMPTS_, NEXT_ATTEMPT_) "
        + "VALUES (:reference, :definition, :user, :groups, :values, :at, 0, :at)", new MapSqlParameterSource("reference", reference)
        .addValue("definition", definitionId).addValue("user", user).addValue("groups", write(List.copyOf(groups)))
        .addValue("values", write(plain(values))).addValue("at", Timestamp.from(now)));
    index.submitted(reference, request.memberState(), request.title(), Stage.INTAKE.name(), Date.from(now));
    return reference;
  }

  /** A submission due for registration, and when it was filed. */
  record Due(String reference, Instant filedAt) {}

  /** The submissions due at {@code now}, oldest first: never tried, failed and due again, or claimed by a node that stopped. */
  List<Due> due(Instant now, int limit) {
    return jdbc.query("SELECT REFERENCE_, FILED_AT_ FROM UR_INBOX WHERE NEXT_ATTEMPT_ <= :now "
        + "AND (CLAIMED_UNTIL_ IS NULL OR CLAIMED_UNTIL_ < :now) ORDER BY NEXT_ATTEMPT_, REFERENCE_ LIMIT :limit",
        new MapSqlParameterSource("now", Timestamp.from(now)).addValue("limit", limit),
        (row, number) -> new Due(row.getString("REFERENCE_"), row.getTimestamp("FILED_AT_").toInstant()));
  }

  /**
   * Claims these submissions for one attempt each, whether due or not (a reader may need one
   * registered at once), unless another node holds them: returns those this claim got.
   */
  List<Submission> claim(Collection<String> references, String claim, Instant now, Instant until) {
    if (references.isEmpty()) {
      return List.of();
    }
    jdbc.update("UPDATE UR_INBOX SET CLAIM_ = :claim, CLAIMED_UNTIL_ = :until, ATTEMPTS_ = ATTEMPTS_ + 1 "
        + "WHERE REFERENCE_ IN (:references) AND (CLAIMED_UNTIL_ IS NULL OR CLAIMED_UNTIL_ < :now)",
        new MapSqlParameterSource("references", references).addValue("claim", claim)
            .addValue("until", Timestamp.from(until)).addValue("now", Timestamp.from(now)));
    return jdbc.query("SELECT * FROM UR_INBOX WHERE CLAIM_ = :claim ORDER BY REFERENCE_",
        new MapSqlParameterSource("claim", claim), IntakeInbox::submission);
  }

  /** The submission is registered: gone from the inbox, in the start's transaction. False if its claim was lost. */
  boolean registered(String reference, String claim) {
    return jdbc.update("DELETE FROM UR_INBOX WHERE REFERENCE_ = :reference AND CLAIM_ = :claim",
        new MapSqlParameterSource("reference", reference).addValue("claim", claim)) == 1;
  }

  /** The registration failed: released with its error, due again at {@code next}. */
  void failed(String reference, String claim, String error, Instant next) {
    jdbc.update("UPDATE UR_INBOX SET CLAIM_ = NULL, CLAIMED_UNTIL_ = NULL, ERROR_ = :error, NEXT_ATTEMPT_ = :next "
        + "WHERE REFERENCE_ = :reference AND CLAIM_ = :claim", new MapSqlParameterSource("reference", reference)
        .addValue("claim", claim).addValue("error", error.length() > 2000 ? error.substring(0, 2000) : error)
        .addValue("next", Timestamp.from(next)));
  }

  /** Released unattempted (a batch that failed as a whole is tried again one by one). */
  void release(String reference, String claim) {
    jdbc.update("UPDATE UR_INBOX SET CLAIM_ = NULL, CLAIMED_UNTIL_ = NULL, ATTEMPTS_ = ATTEMPTS_ - 1 "
        + "WHERE REFERENCE_ = :reference AND CLAIM_ = :claim",
        new MapSqlParameterSource("reference", reference).addValue("claim", claim));
  }

  /** How a waiting submission stands: held by a claim that has not run out, and whether an attempt failed. */
  record Held(boolean claimed, boolean failed) {}

  /** The submission with this reference if it still waits. */
  Optional<Held> held(String reference, Instant now) {
    return jdbc.query("SELECT CLAIMED_UNTIL_, ERROR_ FROM UR_INBOX WHERE REFERENCE_ = :reference",
        new MapSqlParameterSource("reference", reference), (row, number) -> {
          Timestamp until = row.getTimestamp("CLAIMED_UNTIL_");
          return new Held(until != null && until.toInstant().isAfter(now), row.getString("ERROR_") != null);
        }).stream().findFirst();
  }

  /** Whether the request with this reference still waits to be registered. */
  public boolean waiting(String reference) {
    return !jdbc.queryForList("SELECT 1 FROM UR_INBOX WHERE REFERENCE_ = :reference",
        new MapSqlParameterSource("reference", reference), Integer.class).isEmpty();
  }

  /** The submissions that have failed at least once, oldest first, for administrators. */
  public List<Failing> failing(int limit) {
    return jdbc.query("SELECT REFERENCE_, USER_, FILED_AT_, ATTEMPTS_, NEXT_ATTEMPT_, ERROR_ FROM UR_INBOX "
        + "WHERE ERROR_ IS NOT NULL ORDER BY FILED_AT_ LIMIT :limit", new MapSqlParameterSource("limit", limit),
        (row, number) -> new Failing(row.getString("REFERENCE_"), row.getString("USER_"),
            row.getTimestamp("FILED_AT_").toInstant(), row.getInt("ATTEMPTS_"),
            row.getTimestamp("NEXT_ATTEMPT_").toInstant(), row.getString("ERROR_")));
  }

  /** A submission whose registration failed: who filed it, how often it was tried, the last error. */
  public record Failing(String reference, String user, Instant filedAt, int attempts, Instant nextAttempt, String error) {}

  public Backlog backlog() {
    return jdbc.queryForObject("SELECT COUNT(*) AS WAITING_, COUNT(ERROR_) AS FAILING_, MIN(FILED_AT_) AS OLDEST_ FROM UR_INBOX",
        new MapSqlParameterSource(), (row, number) -> new Backlog(row.getLong("WAITING_"), row.getLong("FAILING_"),
            Optional.ofNullable(row.getTimestamp("OLDEST_")).map(Timestamp::toInstant).orElse(null)));
  }

  private static Submission submission(ResultSet row, int number) throws SQLException {
    return new Submission(row.getString("REFERENCE_"), row.getString("DEFINITION_ID_"), row.getString("USER_"),
        read(row.getString("GROUPS_"), new TypeReference<List<String>>() {}),
        variables(read(row.getString("VALUES_"), new TypeReference<Map<String, Object>>() {})),
        row.getTimestamp("FILED_AT_").toInstant(), row.getInt("ATTEMPTS_"));
  }

  /** The form's values as JSON can hold them: text, whole numbers, decimals, flags and lists. */
  private static Map<String, Object> plain(Map<String, Object> values) {
    Map<String, Object> plain = new LinkedHashMap<>();
    values.forEach((field, value) -> {
      Object unwrapped = VariableValues.plain(value);
      plain.put(field, unwrapped instanceof org.camunda.spin.json.SpinJsonNode json
          ? read(json.toString(), new TypeReference<Object>() {}) : unwrapped);
    });
    return plain;
  }

  /** Back as the form gave them to the engine: lists as Json variables, whole numbers as Long. */
  private static Map<String, Object> variables(Map<String, Object> stored) {
    Map<String, Object> values = new LinkedHashMap<>();
    stored.forEach((field, value) -> values.put(field, value instanceof List<?> list ? VariableValues.json(list)
        : value instanceof Integer whole ? Long.valueOf(whole) : value));
    return values;
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A submission's values could not be written as JSON", e);
    }
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A submission's stored values could not be read", e);
    }
  }
}
