package org.unodc.uponrequest.metrics.history;

import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.unodc.uponrequest.intake.ReferenceNumbers;
import org.unodc.uponrequest.intake.RequestFactsFromSeeds;
import org.unodc.uponrequest.process.Deadlines;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * Fills the reporting tables and the request index with N historic requests spread over the last
 * years (issue 9, "Scale"): drawn by {@link RequestSampler}, each taking a course of the process's
 * real paths ({@link Paths}, {@link Course}), replayed until now ({@link Replay}) and bulk-loaded
 * ({@link HistoryWriter}) instead of being driven through the engine. Generated requests exist in
 * these tables only: the engine has no instance, task or history for them, so they are listed and
 * counted but cannot be opened or worked on. Their ids start with {@value #ID_PREFIX}.
 */
@Component
@Profile(HistoryGenerator.PROFILE)
class HistoryGenerator {

  static final String PROFILE = "generate-history";
  static final String ID_PREFIX = "generated-";

  private static final Logger LOG = LoggerFactory.getLogger(HistoryGenerator.class);

  /** Why nothing was generated. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  /** What was written. */
  record Report(int requests, Instant from, Instant to, Map<String, Long> rows, Map<String, Long> openByStage,
      Map<String, Long> closedByOutcome, Map<Integer, Long> filedByYear, Duration took) {

    @Override
    public String toString() {
      return String.format("Generated %,d historic requests filed from %s to %s in %d s.%n"
              + "  filed by year: %s%n  open, by stage: %s%n  closed, by outcome: %s%n  rows written: %s",
          requests, from, to, took.toSeconds(), filedByYear, openByStage, closedByOutcome, rows);
    }
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final ReferenceData referenceData;
  private final RequestFactsFromSeeds facts;
  private final Deadlines deadlines;
  private final ReferenceNumbers referenceNumbers;

  HistoryGenerator(JdbcTemplate jdbc, PlatformTransactionManager transactions, ReferenceData referenceData,
      RequestFactsFromSeeds facts, Deadlines deadlines, ReferenceNumbers referenceNumbers) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactions);
    this.referenceData = referenceData;
    this.facts = facts;
    this.deadlines = deadlines;
    this.referenceNumbers = referenceNumbers;
  }

  /** Generated requests already in the database. */
  long generated() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM UR_METRIC_REQUEST WHERE PROC_INST_ID_ LIKE '" + ID_PREFIX + "%'",
        Long.class);
  }

  /**
   * Generates the requests as of {@code now}.
   *
   * @throws Refused if the database holds generated requests already and {@code add} is false, or the settings make no sense
   */
  Report generate(GenerateSettings settings, long now) {
    if (settings.requests() < 1 || settings.years() < 1 || settings.batch() < 1) {
      throw new Refused("uponrequest.generate.requests, .years and .batch must be at least 1: " + settings);
    }
    long already = generated();
    if (already > 0 && !settings.add()) {
      throw new Refused(String.format("The database already holds %,d generated requests: nothing was generated. Start "
          + "with an empty data directory (uponrequest.data-dir), or add %,d more with --uponrequest.generate.add=true.",
          already, settings.requests()));
    }
    long started = System.nanoTime();
    long first = already == 0 ? 1 : nextNumber();
    DeadlineClock clock = new DeadlineClock(deadlines);
    Decisions decisions = new Decisions(facts);
    RequestSampler sampler = new RequestSampler(referenceData, decisions, clock, settings.seed(), now, settings.years());
    long[] filed = sampler.filingTimes(settings.requests(), first);
    List<String> references = references(filed);
    LOG.info("Generating {} historic requests filed from {} to {}, {} to a transaction", settings.requests(),
        Instant.ofEpochMilli(filed[0]), Instant.ofEpochMilli(filed[filed.length - 1]), settings.batch());

    HistoryWriter writer = new HistoryWriter(jdbc);
    Map<String, Long> open = new TreeMap<>();
    Map<String, Long> closed = new TreeMap<>();
    Map<Integer, Long> byYear = new TreeMap<>();
    // the next batch is drawn while this one is written, in two halves: drawing is the decisions'
    // work (each new combination of their inputs evaluated once) at first, the database's later
    ExecutorService drawing = Executors.newFixedThreadPool(2, task -> new Thread(task, "generate-history"));
    try {
      List<Future<List<Drawn>>> next = submit(drawing, sampler, clock, filed, references, first, 0, settings.batch(), now);
      for (int done = 0; done < filed.length; done += settings.batch()) {
        List<Drawn> batch = new ArrayList<>();
        for (Future<List<Drawn>> half : next) {
          batch.addAll(half.get());
        }
        int following = done + settings.batch();
        if (following < filed.length) {
          next = submit(drawing, sampler, clock, filed, references, first, following, settings.batch(), now);
        }
        for (Drawn drawn : batch) {
          writer.add(drawn.request(), drawn.replay());
          if (drawn.replay().open()) {
            open.merge(drawn.replay().stage.name(), 1L, Long::sum);
          } else {
            closed.merge(drawn.replay().outcome.name(), 1L, Long::sum);
          }
          byYear.merge(Instant.ofEpochMilli(drawn.request().filedAt()).atZone(ZoneOffset.UTC).getYear(), 1L, Long::sum);
        }
        transactions.executeWithoutResult(status -> writer.flush());
        int end = Math.min(filed.length, following);
        if ((end / settings.batch()) % 10 == 0 || end == filed.length) {
          LOG.info("Generated {} of {} requests", end, filed.length);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while generating", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Drawing the requests failed", e.getCause());
    } finally {
      drawing.shutdownNow();
    }
    LOG.info("The process's decisions evaluated: {}", decisions.evaluations());
    return new Report(settings.requests(), Instant.ofEpochMilli(filed[0]), Instant.ofEpochMilli(filed[filed.length - 1]),
        new TreeMap<>(writer.written()), open, closed, byYear, Duration.ofNanos(System.nanoTime() - started));
  }

  /** A request drawn and replayed until now. */
  private record Drawn(HistoricRequest request, Replay replay) {}

  private static List<Future<List<Drawn>>> submit(ExecutorService drawing, RequestSampler sampler, DeadlineClock clock,
      long[] filed, List<String> references, long first, int from, int count, long now) {
    int half = (count + 1) / 2;
    return List.of(drawing.submit(() -> draw(sampler, clock, filed, references, first, from, half, now)),
        drawing.submit(() -> draw(sampler, clock, filed, references, first, from + half, count - half, now)));
  }

  private static List<Drawn> draw(RequestSampler sampler, DeadlineClock clock, long[] filed, List<String> references,
      long first, int from, int count, long now) {
    List<Drawn> drawn = new ArrayList<>(count);
    for (int i = from; i < Math.min(filed.length, from + count); i++) {
      long number = first + i;
      HistoricRequest request = sampler.draw(number, String.format("%s%08d", ID_PREFIX, number), references.get(i), filed[i]);
      drawn.add(new Drawn(request, Replay.of(request.course(), now, clock)));
    }
    return drawn;
  }

  /** The number after the highest generated request's, when adding more. */
  private long nextNumber() {
    String last = jdbc.queryForObject("SELECT MAX(PROC_INST_ID_) FROM UR_METRIC_REQUEST WHERE PROC_INST_ID_ LIKE '"
        + ID_PREFIX + "%'", String.class);
    return Long.parseLong(last.substring(ID_PREFIX.length())) + 1;
  }

  /**
   * Reference numbers in filing order, from each year's own sequence (ReferenceNumbers), so that
   * no later filing can get one of them. All are taken before anything is written.
   */
  private List<String> references(long[] filed) {
    Map<Integer, Integer> perYear = new TreeMap<>();
    for (long at : filed) {
      perYear.merge(Instant.ofEpochMilli(at).atZone(ZoneOffset.UTC).getYear(), 1, Integer::sum);
    }
    List<String> references = new ArrayList<>(filed.length);
    perYear.forEach((year, count) -> references.addAll(referenceNumbers.reserve(Year.of(year), count)));
    return references;
  }
}
