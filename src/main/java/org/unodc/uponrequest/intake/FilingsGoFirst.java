package org.unodc.uponrequest.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A state's filing is answered first; the rest of the work that uses the engine takes turns
 * (ADR 0014). Every call to an API (engine-rest, the webapps' APIs, the product's {@code /api})
 * and every other write waits for one of a few turns ({@code uponrequest.intake.engine-calls-at-once},
 * by default as many as the machine has processors). A filing (the API's and the portal's, both
 * the intake inbox's few rows), signing in and out, and reading the product's own pages do not
 * wait: when officers' steps keep every processor busy, a filing then shares them with a few
 * steps rather than with all of them. A call that finds no turn within
 * {@code uponrequest.intake.engine-call-wait} is answered 503 with problem details and written nothing.
 * Runs after Spring Security: only signed-in callers wait for, and hold, a turn.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 5)
class FilingsGoFirst extends OncePerRequestFilter {

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  /** The filing doors (posted to: the intake inbox). */
  private static final Set<String> FILINGS = Set.of("/api/requests", "/portal/requests/new");
  private static final Set<String> SIGN_IN_AND_OUT = Set.of("/login", "/logout");
  /** Reads through these take turns too: machine clients and the webapps poll them, the engine answers. */
  private static final Set<String> APIS = Set.of("/engine-rest/", "/camunda/api/", "/api/");
  private static final String BUSY = "{\"type\":\"about:blank\",\"title\":\"Busy\",\"status\":503,"
      + "\"detail\":\"The system is busy; nothing was saved. Send it again in a few seconds.\"}";

  private final Semaphore turns;
  private final long waitNanos;
  private final Counter refused;

  FilingsGoFirst(IntakeSettings settings, MeterRegistry registry) {
    this.turns = new Semaphore(settings.engineCallsAtOnce(), true);
    this.waitNanos = settings.engineCallWait().toNanos();
    Gauge.builder("uponrequest.turns.waiting", turns, Semaphore::getQueueLength)
        .description("Calls to the APIs and writes waiting for their turn (filings never wait)").register(registry);
    this.refused = Counter.builder("uponrequest.turns.refused")
        .description("Calls answered 503 after waiting their longest for a turn").register(registry);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String method = request.getMethod();
    if ("POST".equals(method) && FILINGS.contains(path) || SIGN_IN_AND_OUT.contains(path)) {
      return true;
    }
    return APIS.stream().noneMatch(path::startsWith) && READS.contains(method);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!takeTurn()) {
      refused.increment();
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setHeader("Retry-After", "5");
      response.setContentType("application/problem+json");
      response.getOutputStream().write(BUSY.getBytes(StandardCharsets.UTF_8));
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      turns.release();
    }
  }

  private boolean takeTurn() {
    try {
      return turns.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
