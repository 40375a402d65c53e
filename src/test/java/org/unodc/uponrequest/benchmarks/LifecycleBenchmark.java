package org.unodc.uponrequest.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.unodc.uponrequest.durability.DataDirectories;
import org.unodc.uponrequest.durability.LifecycleOverHttp;
import org.unodc.uponrequest.durability.ProductJvm;
import org.unodc.uponrequest.postgres.PostgresForTests;

/**
 * Issue 10, benchmarks 3, 5 and 6: closed-loop clients, each taking one request after the other
 * through its whole lifecycle over the product's own doors (Kenya files and gives feedback through
 * {@code /api}, officers find, claim and submit their forms through engine-rest as Tasklist does),
 * on the built jar in JVMs of their own with {@code -Xmx512m}. Per phase: lifecycles and steps per
 * second, each step's p50 and p99 (from the step's start, including the wait for its task to
 * appear, until its answer), errors, the product's CPU per lifecycle, and its heap after a full
 * collection before and after the phase (flat heap: benchmark 5). Phases ({@code
 * -Dbench.lifecyclePhases}, database:nodes:clients): H2 with one node at 8 and 50 clients, then
 * PostgreSQL with one node and with two at 8 clients (benchmark 6: the same load on one node and
 * on two). Each phase has fresh products and a fresh database, warmed up at 8 clients first. Its
 * clients then start together and are timed from {@code -Dbench.settleSeconds} later (the steady
 * state); what was done before is not counted, except the clients' first filings, all sent at the
 * same moment, which the report shows as a row of their own.
 */
class LifecycleBenchmark {

  private static final Duration PHASE = Duration.ofSeconds(Long.getLong("bench.phaseSeconds", 60));
  private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmUpSeconds", 20));
  /**
   * A phase's clients start together, each with a filing; they are timed from this long after, once
   * their steps no longer fall in step. Their first filings, all at once, are reported on their own.
   */
  private static final Duration SETTLE = Duration.ofSeconds(Long.getLong("bench.settleSeconds", 20));
  static final String START_BURST = "file, every client at once (start, not in the phase)";
  private static final String PHASES = System.getProperty("bench.lifecyclePhases", "H2:1:8,H2:1:50,POSTGRES:1:8,POSTGRES:2:8");
  private static final int WARM_UP_CLIENTS = 8;
  /** More options for the product's JVMs, space-separated, e.g. a flight recording to profile a phase. */
  private static final String PRODUCT_OPTIONS = System.getProperty("bench.productOptions", "");

  enum Database { H2, POSTGRES }

  record Phase(Database database, int nodes, int clients) {
    static Phase parse(String text) {
      String[] parts = text.trim().split(":");
      return new Phase(Database.valueOf(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    String name() {
      return database + ", " + nodes + (nodes == 1 ? " node, " : " nodes, ") + clients + " clients";
    }
  }

  record Result(Phase phase, Duration took, int lifecycles, Map<String, long[]> stepMillis, int errors, String firstError,
      long cpuMillis, List<Long> heapBeforeKb, List<Long> heapAfterKb) {

    double lifecyclesPerSecond() {
      return lifecycles / (took.toMillis() / 1000.0);
    }

    long steps() {
      return stepMillis.entrySet().stream().filter(step -> !step.getKey().equals(START_BURST))
          .mapToLong(step -> step.getValue().length).sum();
    }
  }

  @Test
  void requestsGoThroughTheirWholeLifecycleOnOneNodeAndOnTwo() throws Exception {
    Path jar = Path.of(System.getProperty("bench.jar", System.getProperty("uponrequest.jar")));
    Path dir = Files.createDirectories(Path.of("target", "bench").toAbsolutePath());
    HttpClient http = LifecycleOverHttp.httpClient();
    List<Result> results = new ArrayList<>();
    for (Phase phase : Arrays.stream(PHASES.split(",")).map(Phase::parse).toList()) {
      List<ProductJvm> nodes = new ArrayList<>();
      List<Path> data = new ArrayList<>();
      try {
        String database = phase.database() == Database.POSTGRES ? PostgresForTests.freshDatabase() : null;
        for (int node = 0; node < phase.nodes(); node++) {
          // one after the other: the first creates the schema and the demo users
          Path nodeData = Files.createTempDirectory(dir, "lifecycle-data-");
          data.add(nodeData);
          ProductJvm product = ProductJvm.start(jar, nodeData, dir.resolve("lifecycle-" + phase.database() + "-"
              + phase.nodes() + "x" + phase.clients() + "-node" + node + ".log"), productOptions(), arguments(database));
          nodes.add(product);
          product.awaitHealthy(Duration.ofMinutes(5));
        }
        List<URI> addresses = nodes.stream().map(node -> URI.create("http://localhost:" + node.port())).toList();
        System.out.println("warm-up " + phase.name() + ": " + line(run(http, addresses, nodes,
            new Phase(phase.database(), phase.nodes(), WARM_UP_CLIENTS), WARM_UP, Duration.ZERO)));
        Result result = run(http, addresses, nodes, phase, PHASE, SETTLE);
        System.out.println(line(result));
        results.add(result);
      } finally {
        for (ProductJvm node : nodes) {
          node.close();
        }
        for (Path nodeData : data) {
          DataDirectories.deleteRecursively(nodeData);
        }
      }
    }
    String report = report(results);
    Files.writeString(dir.resolve("lifecycle.md"), report);
    System.out.println(report);
    for (Result result : results) {
      if (result.errors() > 0) {
        throw new AssertionError(result.errors() + " lifecycles failed (" + result.phase().name() + "), first: "
            + result.firstError());
      }
    }
  }

  private static List<String> productOptions() {
    List<String> options = new ArrayList<>(List.of("-Xmx512m"));
    Arrays.stream(PRODUCT_OPTIONS.trim().split("\\s+")).filter(option -> !option.isEmpty()).forEach(options::add);
    return options;
  }

  /** The product's arguments for a PostgreSQL database (its JDBC URL), or none for its own H2 file. */
  static List<String> arguments(String postgresUrl) {
    if (postgresUrl == null) {
      return List.of();
    }
    return List.of("--spring.profiles.active=demo,postgres", "--spring.datasource.url=" + postgresUrl,
        "--spring.datasource.username=" + PostgresForTests.USER, "--spring.datasource.password=");
  }

  private static Result run(HttpClient http, List<URI> addresses, List<ProductJvm> nodes, Phase phase, Duration length,
      Duration settle) throws Exception {
    List<Long> heapBefore = nodes.stream().map(ProductJvm::heapUsedAfterFullGcKb).toList();
    long began = System.nanoTime();
    long measureFrom = began + settle.toNanos();
    Instant end = Instant.now().plus(settle).plus(length);
    ExecutorService clients = Executors.newFixedThreadPool(phase.clients());
    List<Future<ClientRun>> work = new ArrayList<>();
    for (int client = 0; client < phase.clients(); client++) {
      int first = client;
      work.add(clients.submit(() -> drive(http, addresses, first, end)));
    }
    long cpuBefore = cpuAt(nodes, measureFrom);
    Map<String, List<Long>> steps = new LinkedHashMap<>();
    List<Long> startBurst = new ArrayList<>();
    int lifecycles = 0;
    int errors = 0;
    String firstError = "";
    for (Future<ClientRun> client : work) {
      ClientRun run = client.get();
      lifecycles += (int) run.lifecyclesEndedNanos().stream().filter(ended -> ended - measureFrom >= 0).count();
      errors += run.errors();
      if (firstError.isEmpty()) {
        firstError = run.firstError();
      }
      for (LifecycleOverHttp.Step step : run.steps()) {
        // the report lists the steps in a lifecycle's order, which the clients' first lifecycles give
        List<Long> timed = steps.computeIfAbsent(step.name(), name -> new ArrayList<>());
        if (step.beganNanos() - measureFrom >= 0) {
          timed.add(step.millis());
        } else if (step == run.steps().get(0) && !settle.isZero()) {
          startBurst.add(step.millis());
        }
      }
    }
    clients.shutdown();
    Duration took = Duration.ofNanos(System.nanoTime() - measureFrom);
    long cpuAfter = nodes.stream().mapToLong(ProductJvm::cpuMillis).sum();
    List<Long> heapAfter = nodes.stream().map(ProductJvm::heapUsedAfterFullGcKb).toList();
    Map<String, long[]> sorted = new LinkedHashMap<>();
    if (!startBurst.isEmpty()) {
      sorted.put(START_BURST, startBurst.stream().mapToLong(Long::longValue).sorted().toArray());
    }
    steps.forEach((name, millis) -> {
      if (!millis.isEmpty()) {
        sorted.put(name, millis.stream().mapToLong(Long::longValue).sorted().toArray());
      }
    });
    return new Result(phase, took, lifecycles, sorted, errors, firstError, cpuAfter - cpuBefore, heapBefore, heapAfter);
  }

  /** The products' CPU time at {@code nanoTime} (waits until then). */
  private static long cpuAt(List<ProductJvm> nodes, long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
    return nodes.stream().mapToLong(ProductJvm::cpuMillis).sum();
  }

  record ClientRun(List<Long> lifecyclesEndedNanos, List<LifecycleOverHttp.Step> steps, int errors, String firstError) {}

  /** One client: request after request from filing to closure, until the phase's end (the last one is finished). */
  private static ClientRun drive(HttpClient http, List<URI> addresses, int client, Instant end) {
    List<Long> lifecyclesEnded = new ArrayList<>();
    int errors = 0;
    String firstError = "";
    List<LifecycleOverHttp.Step> steps = new ArrayList<>();
    for (int round = 0; Instant.now().isBefore(end); round++) {
      LifecycleOverHttp request = new LifecycleOverHttp(http, addresses, client + round, Duration.ofMinutes(2));
      try {
        request.file("Lifecycle benchmark, client " + client + ", request " + round, "ministry.of.justice@example.org",
            List.of("CORRUPTION"), List.of());
        request.screenAndAccept();
        request.reviewPriority();
        request.confirmFunding();
        request.acceptAssignment();
        request.planDelivery();
        request.recordActivity();
        request.writeFinalReport();
        if (!request.giveFeedback()) {
          throw new IllegalStateException(request.reference() + ": the feedback window closed during the benchmark");
        }
        request.closeRequest();
        lifecyclesEnded.add(System.nanoTime());
      } catch (RuntimeException failed) {
        errors++;
        if (firstError.isEmpty()) {
          firstError = failed.toString();
        }
      }
      steps.addAll(request.steps());
    }
    return new ClientRun(lifecyclesEnded, steps, errors, firstError);
  }

  private static String line(Result result) {
    return String.format(Locale.ROOT, "%s: %d lifecycles in %d s (%.2f/s), %d steps, %d errors, CPU %d ms per lifecycle, "
            + "heap after full GC %s -> %s KB", result.phase().name(), result.lifecycles(), result.took().toSeconds(),
        result.lifecyclesPerSecond(), result.steps(), result.errors(),
        result.lifecycles() == 0 ? -1 : result.cpuMillis() / result.lifecycles(), result.heapBeforeKb(), result.heapAfterKb());
  }

  private static String report(List<Result> results) {
    StringBuilder report = new StringBuilder("| phase | seconds | lifecycles | per second | steps per second | errors "
        + "| CPU ms per lifecycle | heap after full GC before -> after (MB) |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (Result r : results) {
      report.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %.1f | %d | %d | %s |%n", r.phase().name(),
          r.took().toSeconds(), r.lifecycles(), r.lifecyclesPerSecond(), r.steps() / (r.took().toMillis() / 1000.0),
          r.errors(), r.lifecycles() == 0 ? -1 : r.cpuMillis() / r.lifecycles(), heap(r)));
    }
    for (Result r : results) {
      report.append("\n").append(r.phase().name()).append(", per step (ms, from the step's start to its answer):\n\n")
          .append("| step | count | p50 | p99 | max |\n|---|---:|---:|---:|---:|\n");
      r.stepMillis().forEach((step, millis) -> report.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d |%n",
          step, millis.length, percentile(millis, 0.50), percentile(millis, 0.99), millis[millis.length - 1])));
    }
    return report.toString();
  }

  private static String heap(Result result) {
    List<String> nodes = new ArrayList<>();
    for (int node = 0; node < result.heapBeforeKb().size(); node++) {
      nodes.add(result.heapBeforeKb().get(node) / 1024 + " -> " + result.heapAfterKb().get(node) / 1024);
    }
    return nodes.stream().collect(Collectors.joining("; "));
  }

  /** Nearest rank. */
  static long percentile(long[] sorted, double quantile) {
    return sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)];
  }
}
