package org.unodc.uponrequest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Filings never wait for the engine's other callers; those take turns, and one that waits too long is told so. */
class FilingsGoFirstTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ExecutorService callers = Executors.newCachedThreadPool();
  /** Released when the test lets the calls holding a turn finish. */
  private final CountDownLatch finish = new CountDownLatch(1);
  private final AtomicInteger inside = new AtomicInteger();

  @AfterEach
  void release() {
    finish.countDown();
    callers.shutdownNow();
  }

  @Test
  void aFilingIsAnsweredWhileEveryTurnIsTakenAndAStepWaitsForOne() throws Exception {
    FilingsGoFirst turns = turns(1, Duration.ofSeconds(10));
    Future<MockHttpServletResponse> step = call(turns, "POST", "/engine-rest/task/t1/submit-form");
    awaitInside(1);

    MockHttpServletResponse filing = call(turns, "POST", "/api/requests").get(5, TimeUnit.SECONDS);
    MockHttpServletResponse portalFiling = call(turns, "POST", "/portal/requests/new").get(5, TimeUnit.SECONDS);
    MockHttpServletResponse page = call(turns, "GET", "/portal/requests").get(5, TimeUnit.SECONDS);
    assertThat(filing.getStatus()).isEqualTo(200);
    assertThat(portalFiling.getStatus()).isEqualTo(200);
    assertThat(page.getStatus()).as("the portal's pages are read without a turn").isEqualTo(200);

    Future<MockHttpServletResponse> read = call(turns, "GET", "/camunda/api/engine/engine/default/task");
    Future<MockHttpServletResponse> apiRead = call(turns, "GET", "/api/requests/TA-2027-00001");
    Future<MockHttpServletResponse> answer = call(turns, "POST", "/api/requests/TA-2027-00001/answers");
    Thread.sleep(300);
    assertThat(read).as("a read through the webapps' API waits its turn").isNotDone();
    assertThat(apiRead).as("a read through the states' API waits its turn").isNotDone();
    assertThat(answer).as("a write other than a filing waits its turn").isNotDone();
    assertThat(registry.get("uponrequest.turns.waiting").gauge().value()).isEqualTo(3);

    finish.countDown();
    assertThat(step.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    assertThat(read.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    assertThat(apiRead.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    assertThat(answer.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
  }

  @Test
  void aStepThatFindsNoTurnInTimeIsToldTheSystemIsBusyAndNothingOfItRuns() throws Exception {
    FilingsGoFirst turns = turns(2, Duration.ofMillis(200));
    call(turns, "POST", "/engine-rest/task/t1/complete");
    call(turns, "PUT", "/engine-rest/task/t2/variables/x");
    awaitInside(2);

    MockHttpServletResponse late = call(turns, "DELETE", "/engine-rest/task/t3").get(5, TimeUnit.SECONDS);

    assertThat(late.getStatus()).isEqualTo(503);
    assertThat(late.getHeader("Retry-After")).isEqualTo("5");
    assertThat(late.getContentType()).isEqualTo("application/problem+json");
    assertThat(late.getContentAsString()).contains("\"status\":503").contains("nothing was saved");
    assertThat(inside.get()).as("the refused call never reached the engine").isEqualTo(2);
    assertThat(registry.get("uponrequest.turns.refused").counter().count()).isEqualTo(1);
  }

  private FilingsGoFirst turns(int atOnce, Duration wait) {
    return new FilingsGoFirst(new IntakeSettings(null, null, null, null, null, null, null, null, null, atOnce, wait),
        registry);
  }

  /** A call in a thread of its own; whatever runs behind the filter holds until the test finishes it. */
  private Future<MockHttpServletResponse> call(FilingsGoFirst turns, String method, String path) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    MockHttpServletResponse response = new MockHttpServletResponse();
    boolean filingOrPage = path.equals("/api/requests") || path.startsWith("/portal/");
    FilterChain engine = (req, res) -> {
      inside.incrementAndGet();
      if (!filingOrPage) {
        try {
          finish.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    return CompletableFuture.supplyAsync(() -> {
      try {
        turns.doFilter(request, response, engine);
        return response;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, callers);
  }

  private void awaitInside(int calls) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (inside.get() < calls && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(inside.get()).isEqualTo(calls);
  }
}
