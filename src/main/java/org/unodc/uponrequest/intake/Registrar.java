package org.unodc.uponrequest.intake;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.unodc.uponrequest.security.ActingUser;

/**
 * Registers the requests waiting in the {@link IntakeInbox}: starts each one's process instance
 * as its filer, with the groups the filer had when filing, and removes it from the inbox in the
 * same transaction, so that a request is registered once whatever fails (a node that stops
 * mid-way leaves its claim to run out; another node, or this one after restart, registers it).
 * Several submissions share one transaction and its commit; a batch that fails is tried again
 * one by one, and a submission that fails alone is tried again later, never given up.
 *
 * <p>Runs on its own thread, asked by each filing's commit, by a poller, and at start-up. A page
 * or endpoint that needs a request still waiting (its page, a withdrawal) registers it at once
 * on its own thread: {@link #registerNow}.
 */
@Component
public class Registrar {

  private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

  private static final Duration YIELD_STEP = Duration.ofMillis(5);

  private final IntakeInbox inbox;
  private final IntakeSettings settings;
  private final FormService formService;
  private final ActingUser actingUser;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
    Thread registrar = new Thread(runnable, "intake-registrar");
    registrar.setDaemon(true);
    return registrar;
  });
  private final AtomicBoolean lookQueued = new AtomicBoolean();
  /** Filings in progress on this node, which the registrar gives way to. */
  private final AtomicInteger filing = new AtomicInteger();
  /**
   * Filings that run at once; the others wait their turn in arrival order. More at once would
   * not file more on a few cores, only make each wait longer on the database's connections and
   * locks, which hand out in no order: a burst's slowest filings would wait far longer than most.
   */
  private final Semaphore filingGate;
  private volatile boolean stopping;

  Registrar(IntakeInbox inbox, IntakeSettings settings, FormService formService, ActingUser actingUser,
      ApplicationEventPublisher events, PlatformTransactionManager transactions) {
    this.inbox = inbox;
    this.settings = settings;
    this.formService = formService;
    this.actingUser = actingUser;
    this.events = events;
    this.transaction = new TransactionTemplate(transactions);
    this.filingGate = new Semaphore(settings.concurrentFilings(), true);
  }

  /** Runs a filing, counted as in progress while it runs (see {@link IntakeSettings#yieldAtFilings()}). */
  public <T> T filing(Supplier<T> work) {
    filing.incrementAndGet();
    try {
      filingGate.acquireUninterruptibly();
      try {
        return work.get();
      } finally {
        filingGate.release();
      }
    } finally {
      filing.decrementAndGet();
    }
  }

  /** A filing committed: registers it now on the caller's thread, or asks the registrar's thread to. */
  public void filed(String reference) {
    if (settings.registration() == IntakeSettings.Registration.WITH_FILING) {
      registerNow(reference);
    } else {
      trigger();
    }
  }

  /** Registers the request now if it still waits in the inbox; see {@link #registerNow}. */
  public boolean registered(String reference) {
    return !inbox.waiting(reference) || registerNow(reference);
  }

  /**
   * Registers this waiting request on the calling thread, or waits (up to the claim timeout) while
   * another thread or node does. False when it is still not registered: its start failed (it is
   * tried again later) or the other holder did not finish in time.
   */
  public boolean registerNow(String reference) {
    long until = System.nanoTime() + settings.claimTimeout().toNanos();
    while (!stopping) {
      var waiting = inbox.held(reference, now());
      if (waiting.isEmpty()) {
        return true;
      }
      if (!waiting.get().claimed()) {
        if (waiting.get().failed()) {
          return false; // its last attempt failed: it waits for the next one
        }
        if (register(List.of(reference)) == 1) {
          return true;
        }
      }
      if (System.nanoTime() > until) {
        return false;
      }
      sleep(Duration.ofMillis(20));
    }
    return false;
  }

  /** Asks for a look at the inbox on the registrar's thread; returns at once. At most one look waits at a time. */
  void trigger() {
    if (stopping || !lookQueued.compareAndSet(false, true)) {
      return;
    }
    try {
      thread.execute(() -> {
        lookQueued.set(false);
        try {
          registerDue();
        } catch (RuntimeException e) {
          LOG.warn("Intake: looking for requests to register failed, the next look tries again: {}", e.toString());
        }
      });
    } catch (RejectedExecutionException shuttingDown) {
      lookQueued.set(false);
    }
  }

  @Scheduled(fixedDelayString = "${uponrequest.intake.poll-interval:PT10S}",
      initialDelayString = "${uponrequest.intake.poll-interval:PT10S}")
  void poll() {
    trigger();
  }

  /** Requests filed before a stop, or left by a node that stopped, are registered once this node runs. */
  @EventListener(ApplicationReadyEvent.class)
  void atStart() {
    trigger();
  }

  /** Registers every request due now, batch by batch, on the calling thread; returns how many. */
  public int registerDue() {
    int registered = 0;
    while (!stopping) {
      List<IntakeInbox.Due> due = inbox.due(now(), settings.batchSize());
      if (due.isEmpty()) {
        break;
      }
      yieldToFilers(due.get(0).filedAt());
      int done = register(due.stream().map(IntakeInbox.Due::reference).toList());
      registered += done;
      if (done == 0 && due.size() < settings.batchSize()) {
        break; // all failed or held elsewhere: their next attempt is later
      }
    }
    return registered;
  }

  /**
   * Waits while filings crowd this node (a filer waits on its answer, a registration can wait),
   * until the oldest request due was filed {@link IntakeSettings#maxDelay()} ago.
   */
  private void yieldToFilers(Instant oldestFiledAt) {
    Instant latest = oldestFiledAt.plus(settings.maxDelay());
    while (filing.get() >= settings.yieldAtFilings() && now().isBefore(latest) && !stopping) {
      sleep(YIELD_STEP);
    }
  }

  private int register(List<String> references) {
    String claim = UUID.randomUUID().toString();
    Instant now = now();
    List<IntakeInbox.Submission> claimed = inbox.claim(references, claim, now, now.plus(settings.claimTimeout()));
    if (claimed.isEmpty()) {
      return 0;
    }
    try {
      transaction.executeWithoutResult(status -> claimed.forEach(submission -> start(submission, claim)));
      return claimed.size();
    } catch (RuntimeException failure) {
      if (claimed.size() == 1) {
        IntakeInbox.Submission submission = claimed.get(0);
        Instant next = now().plus(settings.backoff(submission.attempts()));
        LOG.warn("Intake: request {} filed by {} not registered (attempt {}), next attempt at {}: {}",
            submission.reference(), submission.user(), submission.attempts(), next, describe(failure));
        inbox.failed(submission.reference(), claim, describe(failure), next);
        return 0;
      }
      // one of the batch failed: each on its own, so that the others are not held back by it
      claimed.forEach(submission -> inbox.release(submission.reference(), claim));
      return claimed.stream().mapToInt(submission -> register(List.of(submission.reference()))).sum();
    }
  }

  private void start(IntakeInbox.Submission submission, String claim) {
    ProcessInstance instance = actingUser.call(submission.user(), submission.groups(), () -> RegisteringSubmission.during(
        new RegisteringSubmission.Filed(submission.reference(), submission.filedAt()),
        () -> formService.submitStartForm(submission.definitionId(), submission.reference(), submission.values())));
    if (!inbox.registered(submission.reference(), claim)) {
      throw new IllegalStateException("The claim on " + submission.reference() + " ran out; another node registers it");
    }
    events.publishEvent(new RequestRegistered(submission.reference(), instance.getId()));
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  private static String describe(RuntimeException failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    return root == failure ? message : message + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @PreDestroy
  void stop() {
    stopping = true;
    thread.shutdownNow();
  }
}
