package org.unodc.uponrequest.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Files a request at most once per submission key and user: a double click, a retried post or
 * two identical submissions arriving together file one request, and the others get its
 * reference. The key row is written first, in the filing's own transaction, so a second
 * submission with the same key waits on it: it either finds the first one's reference once that
 * commits, or files itself if the first rolled back.
 */
@Component
public class IdempotentFiling {

  /** What a submission key may look like (a UUID, or an API client's own token). */
  public static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{8,100}");

  /** The request a submission filed, and whether this call filed it (false: an earlier one did). */
  public record Filed(String reference, boolean now) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  IdempotentFiling(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** @param file files the request and returns its reference, inside the transaction given to it */
  public Filed file(String user, String key, Supplier<String> file) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("A submission key is 8 to 100 letters, digits or . _ : -");
    }
    try {
      return transaction.execute(status -> {
        jdbc.update("INSERT INTO UR_SUBMISSION (USER_, KEY_, CREATED_) VALUES (?, ?, ?)", user, key,
            Timestamp.from(Instant.now()));
        String reference = file.get();
        jdbc.update("UPDATE UR_SUBMISSION SET REFERENCE_ = ? WHERE USER_ = ? AND KEY_ = ?", reference, user, key);
        return new Filed(reference, true);
      });
    } catch (DuplicateKeyException filedBefore) {
      List<String> reference = jdbc.queryForList(
          "SELECT REFERENCE_ FROM UR_SUBMISSION WHERE USER_ = ? AND KEY_ = ?", String.class, user, key);
      return new Filed(reference.isEmpty() ? null : reference.get(0), false);
    }
  }
}
