package org.unodc.uponrequest.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How filed requests are registered ({@code uponrequest.intake} in application.yaml; ADR 0007 §10).
 *
 * @param registration {@code background}: a filing answers as soon as its submission is in the
 *     inbox and the registrar starts its process instance moments later; {@code with-filing}: the
 *     filing registers its own submission before it answers (slower under load; the tests use it
 *     so that a request filed is at once a running process)
 * @param pollInterval how often each node looks for submissions due (new ones are registered right after their filing anyway)
 * @param batchSize submissions registered in one transaction, sharing its commit
 * @param claimTimeout how long a node may hold submissions it claimed; past that another node registers them
 * @param firstRetry wait after a registration failed; doubled after each further failure ...
 * @param maxRetry ... up to this. A submission is never given up: it stays listed for administrators with its error.
 * @param yieldAtFilings the registrar waits before each batch while at least this many filings are in
 *     progress on its node, leaving the cores to the filers (who wait on an answer; registration can wait) ...
 * @param maxDelay ... unless the oldest waiting request was filed this long ago: a burst shorter than
 *     this is answered at full speed and registered after it; in a longer one filings and
 *     registrations share the node
 * @param concurrentFilings filings that run at once on a node; more wait their turn in arrival order
 *     (default: twice the processors)
 * @param engineCallsAtOnce calls to the APIs (reads too) and writes other than filings that run at once on
 *     a node; more wait their turn in arrival order, so that filings are answered first (ADR 0014;
 *     default: the processors)
 * @param engineCallWait how long such a call waits for its turn before it is answered 503 (nothing saved)
 */
@ConfigurationProperties("uponrequest.intake")
record IntakeSettings(Registration registration, Duration pollInterval, Integer batchSize, Duration claimTimeout,
    Duration firstRetry, Duration maxRetry, Integer yieldAtFilings, Duration maxDelay, Integer concurrentFilings,
    Integer engineCallsAtOnce, Duration engineCallWait) {

  enum Registration { BACKGROUND, WITH_FILING }

  IntakeSettings {
    registration = registration == null ? Registration.BACKGROUND : registration;
    pollInterval = pollInterval == null ? Duration.ofSeconds(10) : pollInterval;
    batchSize = batchSize == null ? 10 : Math.max(1, batchSize);
    claimTimeout = claimTimeout == null ? Duration.ofSeconds(30) : claimTimeout;
    firstRetry = firstRetry == null ? Duration.ofSeconds(10) : firstRetry;
    maxRetry = maxRetry == null ? Duration.ofHours(1) : maxRetry;
    yieldAtFilings = yieldAtFilings == null ? 2 : Math.max(1, yieldAtFilings);
    maxDelay = maxDelay == null ? Duration.ofMinutes(1) : maxDelay;
    concurrentFilings = concurrentFilings == null ? 2 * Runtime.getRuntime().availableProcessors() : Math.max(1, concurrentFilings);
    engineCallsAtOnce = engineCallsAtOnce == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, engineCallsAtOnce);
    engineCallWait = engineCallWait == null ? Duration.ofSeconds(30) : engineCallWait;
  }

  /** The wait before the next attempt after {@code attempts} failed ones: doubling from the first, capped. */
  Duration backoff(int attempts) {
    Duration wait = firstRetry;
    for (int i = 1; i < attempts && wait.compareTo(maxRetry) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
  }
}
