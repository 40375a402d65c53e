package org.unodc.uponrequest.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.unodc.uponrequest.durability.DataDirectories;
import org.unodc.uponrequest.durability.ProductJvm;

/**
 * Member states filing through {@code POST /api/requests}, as many clients as the phase says, each
 * filing again as soon as it has its answer, for a fixed time: throughput, latency percentiles of
 * the answered filings, errors and the product's CPU per filing. For each phase the product runs
 * from the built jar in a JVM of its own with {@code -Xmx512m} on a fresh H2 file database, warmed
 * up at 8 clients first. Run with {@code mvn -Pbench verify}; the results go
 * to {@code target/bench/filing.md} and BENCHMARKS.md records them. Not a test of speed: it fails
 * only when a filing is refused or fails.
 */
class FilingBenchmark {

  /** Long enough for the JIT to settle and the tables to hold a few hundred requests. */
  private static final Phase WARM_UP = new Phase(8, Duration.ofSeconds(Long.getLong("bench.warmUpSeconds", 30)));
  private static final long PHASE_SECONDS = Long.getLong("bench.phaseSeconds", 60);
  private static final List<Phase> PHASES = List.of(
      new Phase(1, Duration.ofSeconds(PHASE_SECONDS / 2)),
      new Phase(8, Duration.ofSeconds(PHASE_SECONDS)),
      new Phase(50, Duration.ofSeconds(PHASE_SECONDS)));
  private static final String AUTHORIZATION = "Basic "
      + Base64.getEncoder().encodeToString("ken.focal:demo".getBytes(StandardCharsets.UTF_8));
  private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8));
  private static final Pattern WAITING = Pattern.compile("\"waiting\"\\s*:\\s*(\\d+)");
  private static final String REQUEST = """
      {"memberState":"KEN","title":"Mentoring of prosecutors","description":"Mentoring of prosecutors on complex corruption cases.",
       "thematicAreas":["CORRUPTION"],"assistanceTypes":["CAPACITY_BUILDING"],"urgency":"NORMAL",
       "requesterName":"Wanjiru Kamau","requesterEmail":"wanjiru.kamau@example.org"}""";

  record Phase(int clients, Duration length) {}

  /**
   * @param waitingAtEnd filed requests not yet registered when the phase ended (the intake inbox)
   * @param registeredAllAfter from the phase's end until every filed request was registered
   * @param cpuMillisUntilRegistered the product's CPU from the phase's start until then
   */
  record Result(Phase phase, int filed, int errors, long[] sortedMillis, String firstError, long productCpuMillis,
      long waitingAtEnd, Duration registeredAllAfter, long cpuMillisUntilRegistered) {
    /** The product's CPU time per answered filing during the phase, all its threads (the registrar's and job executor's too). */
    double cpuPerFiling() {
      return filed == 0 || productCpuMillis < 0 ? 0 : productCpuMillis / (double) filed;
    }

    /** The same until every request filed in the phase was registered: what a filing costs in all. */
    double cpuPerRegisteredFiling() {
      return filed == 0 || cpuMillisUntilRegistered < 0 ? 0 : cpuMillisUntilRegistered / (double) filed;
    }

    double perSecond() {
      return filed / (double) phase.length().toSeconds();
    }

    long max() {
      return sortedMillis.length == 0 ? 0 : sortedMillis[sortedMillis.length - 1];
    }

    long percentile(double p) {
      return sortedMillis.length == 0 ? 0 : sortedMillis[Math.min(sortedMillis.length - 1, (int) (p * sortedMillis.length))];
    }
  }

  @Test
  void membersStatesFileRequestsAtOneEightAndFiftyClients() throws Exception {
    // bench.jar: another build of the product, to measure before and after a change
    Path jar = Path.of(System.getProperty("bench.jar", System.getProperty("uponrequest.jar")));
    Path dir = Path.of("target", "bench").toAbsolutePath();
    Files.createDirectories(dir);
    List<Result> results = new ArrayList<>();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    // each phase on a product and database of its own, warmed up the same way, so that no phase
    // works on the requests an earlier one filed
    for (Phase phase : PHASES) {
      Path data = dir.resolve("data-" + phase.clients() + "-" + System.currentTimeMillis());
      try (ProductJvm product = ProductJvm.start(jar, data, dir.resolve("product-" + phase.clients() + ".log"),
          jvmOptions())) {
        product.awaitHealthy(Duration.ofSeconds(180));
        URI filing = URI.create("http://localhost:" + product.port() + "/api/requests");
        System.out.println("warm-up: " + line(run(http, filing, WARM_UP, product)));
        // the phase starts with nothing left to register from the warm-up
        awaitRegistered(http, product);
        Result result = run(http, filing, phase, product);
        System.out.println(line(result));
        results.add(result);
      } finally {
        // tens of thousands of requests make an H2 file of several GB
        DataDirectories.deleteRecursively(data);
      }
    }
    String report = report(results);
    Files.writeString(dir.resolve("filing.md"), report);
    System.out.println(report);
    for (Result result : results) {
      if (result.errors() > 0) {
        throw new AssertionError(result.errors() + " filings failed at " + result.phase().clients() + " clients, first: "
            + result.firstError());
      }
    }
  }

  /** -Xmx512m, and what {@code -Dbench.jvmOptions} adds (space-separated, e.g. a product setting to compare). */
  private static List<String> jvmOptions() {
    List<String> options = new ArrayList<>(List.of("-Xmx512m"));
    String more = System.getProperty("bench.jvmOptions", "").trim();
    if (!more.isEmpty()) {
      options.addAll(List.of(more.split("\\s+")));
    }
    return options;
  }

  private static Result run(HttpClient http, URI filing, Phase phase, ProductJvm product) throws Exception {
    long cpuBefore = product.cpuMillis();
    Instant end = Instant.now().plus(phase.length());
    ExecutorService clients = Executors.newFixedThreadPool(phase.clients());
    List<Future<List<Long>>> work = new ArrayList<>();
    AtomicLong errors = new AtomicLong();
    StringBuffer firstError = new StringBuffer();
    for (int i = 0; i < phase.clients(); i++) {
      work.add(clients.submit(() -> {
        List<Long> millis = new ArrayList<>();
        while (Instant.now().isBefore(end)) {
          HttpRequest request = HttpRequest.newBuilder(filing).timeout(Duration.ofSeconds(60))
              .header("Authorization", AUTHORIZATION).header("Content-Type", "application/json")
              .header("Idempotency-Key", UUID.randomUUID().toString())
              .POST(HttpRequest.BodyPublishers.ofString(REQUEST)).build();
          long began = System.nanoTime();
          try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            long took = (System.nanoTime() - began) / 1_000_000;
            if (answer.statusCode() == 201) {
              millis.add(took);
            } else {
              failed(errors, firstError, answer.statusCode() + " " + answer.body());
            }
          } catch (IOException e) {
            failed(errors, firstError, e.toString());
          }
        }
        return millis;
      }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> client : work) {
      all.addAll(client.get());
    }
    clients.shutdown();
    long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
    long cpuAfter = product.cpuMillis();
    long waiting = waiting(http, product);
    Instant ended = Instant.now();
    awaitRegistered(http, product);
    Duration registering = waiting == 0 ? Duration.ZERO : Duration.between(ended, Instant.now());
    long cpuRegistered = product.cpuMillis();
    return new Result(phase, sorted.length, (int) errors.get(), sorted, firstError.toString(),
        cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore, waiting, registering,
        cpuBefore < 0 || cpuRegistered < 0 ? -1 : cpuRegistered - cpuBefore);
  }

  /** Waits (up to 30 minutes) until the product's intake inbox is empty: every filed request has its process. */
  private static void awaitRegistered(HttpClient http, ProductJvm product) throws Exception {
    Instant giveUp = Instant.now().plus(Duration.ofMinutes(30));
    while (waiting(http, product) > 0) {
      if (Instant.now().isAfter(giveUp)) {
        throw new AssertionError("Filed requests were still waiting to be registered after 30 minutes");
      }
      Thread.sleep(200);
    }
  }

  /** Filed requests not yet registered, from the administrators' intake page; 0 for a build without an inbox. */
  private static long waiting(HttpClient http, ProductJvm product) throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + product.port() + "/admin/intake"))
        .header("Authorization", ADMIN).header("Accept", "application/json").timeout(Duration.ofSeconds(60)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() == 404) {
      return 0;
    }
    Matcher waiting = WAITING.matcher(answer.body());
    if (answer.statusCode() != 200 || !waiting.find()) {
      throw new AssertionError("The intake page answered " + answer.statusCode() + ": " + answer.body());
    }
    return Long.parseLong(waiting.group(1));
  }

  private static void failed(AtomicLong errors, StringBuffer firstError, String what) {
    if (errors.getAndIncrement() == 0) {
      firstError.append(what, 0, Math.min(what.length(), 500));
    }
  }

  private static String line(Result r) {
    return String.format(Locale.ROOT, "%d clients, %d s: %d filed (%.1f/s), p50 %d ms, p95 %d ms, p99 %d ms, max %d ms, "
            + "%d errors, %.1f ms product CPU per filing; %d waiting at the end, all registered %.1f s later, "
            + "%.1f ms CPU per filing registration included",
        r.phase().clients(), r.phase().length().toSeconds(), r.filed(), r.perSecond(), r.percentile(0.50),
        r.percentile(0.95), r.percentile(0.99), r.max(),
        r.errors(), r.cpuPerFiling(), r.waitingAtEnd(), r.registeredAllAfter().toMillis() / 1000.0, r.cpuPerRegisteredFiling());
  }

  private static String report(List<Result> results) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append("# Filing benchmark, ").append(Instant.now()).append("\n\n");
    out.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ").append(cpuModel())
        .append(", Java ").append(System.getProperty("java.version")).append("; product ").append(String.join(" ", jvmOptions())).append(", H2 file; client in the same machine.\n\n");
    out.append("| clients | seconds | filed | per second | p50 ms | p95 ms | p99 ms | max ms | errors | CPU ms per filing "
        + "| waiting to be registered at the end | all registered after s | CPU ms per filing, registration included |\n");
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Result r : results) {
      out.append(String.format(Locale.ROOT, "| %d | %d | %d | %.1f | %d | %d | %d | %d | %d | %.1f | %d | %.1f | %.1f |%n",
          r.phase().clients(), r.phase().length().toSeconds(), r.filed(), r.perSecond(), r.percentile(0.50),
          r.percentile(0.95), r.percentile(0.99), r.max(), r.errors(), r.cpuPerFiling(), r.waitingAtEnd(),
          r.registeredAllAfter().toMillis() / 1000.0, r.cpuPerRegisteredFiling()));
    }
    return out.toString();
  }

  private static String cpuModel() {
    try {
      return Arrays.stream(Files.readString(Path.of("/proc/cpuinfo")).split("\n"))
          .filter(line -> line.startsWith("model name")).map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst().orElse("CPU model unknown");
    } catch (IOException | RuntimeException unknown) {
      return "CPU model unknown";
    }
  }
}
