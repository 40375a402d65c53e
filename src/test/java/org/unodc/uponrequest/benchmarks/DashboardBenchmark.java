package org.unodc.uponrequest.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.unodc.uponrequest.durability.DataDirectories;
import org.unodc.uponrequest.durability.ProductJvm;

/**
 * Managers reading the dashboard over five years of requests: the built jar generates
 * {@code bench.dashboardRequests} (100,000) historic requests into a fresh data directory (profile
 * generate-history, README "Historic requests for the dashboard"), then runs as the product
 * ({@code -Xmx512m}, like FilingBenchmark) while one manager calls each figure of
 * {@code GET /api/metrics/{figure}} {@code bench.dashboardCalls} (200) times with varied months and
 * filters, and then eight managers call them all at once for {@code bench.dashboardSeconds} (30).
 * Reports p50/p95/p99/max per figure, errors and the product's CPU per call to
 * {@code target/bench/dashboard.md}; deletes the data directory. Run with {@code mvn -B -Pbench verify};
 * fails only when a call is refused or fails.
 */
class DashboardBenchmark {

  /** The figures of the dashboard's API, each at {@code /api/metrics/{figure}}: adjust here when the API changes. */
  static final List<String> FIGURES = List.of("summary", "stages", "regions", "offices", "themes", "bands", "monthly",
      "stage-times", "open-age", "overdue", "on-time", "heatmap", "requests");

  /** Where the figures are (security/SecurityConfiguration.METRICS_API). */
  private static final String METRICS_API = "/api/metrics";
  private static final int REQUESTS = Integer.getInteger("bench.dashboardRequests", 100_000);
  private static final int YEARS = 5;
  private static final int CALLS = Integer.getInteger("bench.dashboardCalls", 200);
  private static final int WARM_UP_CALLS = Integer.getInteger("bench.dashboardWarmUpCalls", 20);
  private static final int CLIENTS = 8;
  private static final Duration MIXED = Duration.ofSeconds(Long.getLong("bench.dashboardSeconds", 30));
  /** The demo manager; "demo" is security/DemoUsers.DEMO_PASSWORD. */
  private static final String AUTHORIZATION = "Basic "
      + Base64.getEncoder().encodeToString("manager:demo".getBytes(StandardCharsets.UTF_8));
  private static final List<String> REGIONS = List.of("Africa", "Americas", "Asia", "Europe", "Oceania");
  private static final List<String> BANDS = List.of("HIGH", "MEDIUM", "LOW");
  /** What the 'requests' figure lists: the requests behind a part of another figure. */
  private static final List<String> SELECTIONS = List.of("received", "completed", "open", "overdue", "reached:DELIVERY",
      "in:FUNDING", "left:ASSESSMENT", "age:2", "waiting:Activity_ConfirmFunding", "flow:Flow_Funded");

  /** Latencies and failures of one figure in one phase. */
  private static final class Calls {
    final List<Long> millis = new ArrayList<>();
    final Map<Integer, Integer> statuses = new TreeMap<>();
    int errors;
    String firstError;

    synchronized void answered(int status, long took, String body) {
      statuses.merge(status, 1, Integer::sum);
      if (status == 200) {
        millis.add(took);
      } else {
        failed(status + " " + body);
      }
    }

    synchronized void failed(String what) {
      if (errors++ == 0) {
        firstError = what.substring(0, Math.min(what.length(), 300));
      }
    }

    long percentile(double p) {
      List<Long> sorted = millis.stream().sorted().toList();
      return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size())));
    }
  }

  @Test
  void managersReadTheDashboardOverFiveYearsOfRequests() throws Exception {
    Path jar = Path.of(System.getProperty("bench.jar", System.getProperty("uponrequest.jar")));
    Path dir = Path.of("target", "bench").toAbsolutePath();
    Files.createDirectories(dir);
    Path data = dir.resolve("dashboard-data-" + System.currentTimeMillis());
    Map<String, Calls> single = new LinkedHashMap<>();
    Map<String, Calls> mixed = new LinkedHashMap<>();
    Map<String, Double> cpuPerCall = new LinkedHashMap<>();
    long[] heapMb = new long[2];
    Duration generation;
    Duration startUp;
    try {
      generation = generate(jar, data, dir.resolve("dashboard-generate.log"));
      Instant starting = Instant.now();
      try (ProductJvm product = ProductJvm.start(jar, data, dir.resolve("dashboard-product.log"), List.of("-Xmx512m"))) {
        product.awaitHealthy(Duration.ofMinutes(5));
        startUp = Duration.between(starting, Instant.now());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
        String base = "http://localhost:" + product.port() + METRICS_API + "/";
        Filters filters = new Filters(new Random(64179));
        for (String figure : FIGURES) {
          for (int i = 0; i < WARM_UP_CALLS; i++) {
            call(http, base, figure, filters.next(figure), new Calls());
          }
        }
        heapMb[0] = liveHeapMb(product, http);
        // one manager, figure after figure
        for (String figure : FIGURES) {
          Calls calls = new Calls();
          long cpuBefore = product.cpuMillis();
          for (int i = 0; i < CALLS; i++) {
            call(http, base, figure, filters.next(figure), calls);
          }
          cpuPerCall.put(figure, cpuBefore < 0 ? -1 : (product.cpuMillis() - cpuBefore) / (double) CALLS);
          single.put(figure, calls);
          System.out.println("dashboard " + figure + ": " + line(calls));
        }
        // eight managers at once, each calling the figures in turn
        FIGURES.forEach(figure -> mixed.put(figure, new Calls()));
        Instant end = Instant.now().plus(MIXED);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          int client = c;
          work.add(clients.submit(() -> {
            Filters own = new Filters(new Random(client));
            for (int i = client; Instant.now().isBefore(end); i++) {
              String figure = FIGURES.get(i % FIGURES.size());
              call(http, base, figure, own.next(figure), mixed.get(figure));
            }
            return null;
          }));
        }
        for (Future<?> client : work) {
          client.get();
        }
        clients.shutdown();
        clients.awaitTermination(1, TimeUnit.MINUTES);
        heapMb[1] = liveHeapMb(product, http);
      }
    } finally {
      // a hundred thousand requests make an H2 file of several GB
      DataDirectories.deleteRecursively(data);
    }
    String loaded = Files.readAllLines(dir.resolve("dashboard-product.log")).stream()
        .filter(line -> line.contains("requests in memory")).map(line -> line.replaceFirst("^.*Managers' figures: ", ""))
        .findFirst().orElse("(not logged)");
    String report = report(generation, startUp, single, mixed, cpuPerCall)
        + String.format(Locale.ROOT, "%nFigures in memory: %s. Live heap after a full collection: %d MB once loaded and "
        + "warmed up, %d MB after the run (-1: not measured).%n", loaded, heapMb[0], heapMb[1]);
    Files.writeString(dir.resolve("dashboard.md"), report);
    System.out.println(report);
    for (Map.Entry<String, Calls> figure : single.entrySet()) {
      Calls calls = figure.getValue();
      if (calls.errors > 0 || mixed.get(figure.getKey()).errors > 0) {
        throw new AssertionError("Calls to " + figure.getKey() + " failed: " + (calls.errors > 0 ? calls.firstError
            : mixed.get(figure.getKey()).firstError));
      }
    }
  }

  /** The product's heap in use after a full collection, in MB, from its Prometheus figures; -1 if not measured. */
  private static long liveHeapMb(ProductJvm product, HttpClient http) {
    try {
      String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      Process gc = new ProcessBuilder(jcmd, String.valueOf(product.pid()), "GC.run").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!gc.waitFor(2, TimeUnit.MINUTES)) {
        gc.destroyForcibly();
        return -1;
      }
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + product.port()
          + "/actuator/prometheus")).header("Authorization", AUTHORIZATION).GET().build(), HttpResponse.BodyHandlers.ofString());
      double bytes = answer.body().lines()
          .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
          .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
      return Math.round(bytes / (1024 * 1024));
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Runs the jar with the generate-history profile, which exits once the requests are in the database. */
  private static Duration generate(Path jar, Path data, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Instant began = Instant.now();
    Process generator = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString(), "--server.port=0",
        "--uponrequest.data-dir=" + data, "--spring.profiles.active=demo,generate-history",
        "--uponrequest.generate.requests=" + REQUESTS, "--uponrequest.generate.years=" + YEARS)
        .directory(log.getParent().toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!generator.waitFor(30, TimeUnit.MINUTES)) {
        throw new AssertionError("Generating " + REQUESTS + " requests took over 30 minutes (" + log + ")");
      }
    } finally {
      generator.destroyForcibly();
    }
    if (generator.exitValue() != 0) {
      throw new AssertionError("Generating the requests failed with status " + generator.exitValue() + " (" + log + ")");
    }
    return Duration.between(began, Instant.now());
  }

  /**
   * Varied queries: months (the last 12, a calendar year, a quarter, all five years) and now and
   * then a region, office, thematic area or band, from the seeds.
   */
  private static final class Filters {
    private final Random random;
    private final List<String> offices = codes("seeds/offices.csv");
    private final List<String> themes = codes("seeds/thematic-areas.csv");
    private final YearMonth now = YearMonth.now(ZoneOffset.UTC);

    Filters(Random random) {
      this.random = random;
    }

    String next(String figure) {
      YearMonth from;
      YearMonth to;
      double window = random.nextDouble();
      if (window < 0.4) {
        to = now;
        from = now.minusMonths(11);
      } else if (window < 0.6) {
        int year = now.getYear() - 1 - random.nextInt(YEARS - 1);
        from = YearMonth.of(year, 1);
        to = YearMonth.of(year, 12);
      } else if (window < 0.8) {
        to = now.minusMonths(random.nextInt(12 * YEARS - 3));
        from = to.minusMonths(2);
      } else {
        to = now;
        from = now.minusYears(YEARS).plusMonths(1);
      }
      StringBuilder query = new StringBuilder("from=" + from + "&to=" + to);
      if (random.nextDouble() < 0.25) {
        query.append("&region=").append(encode(REGIONS.get(random.nextInt(REGIONS.size()))));
      }
      if (random.nextDouble() < 0.2) {
        query.append("&office=").append(encode(offices.get(random.nextInt(offices.size()))));
      }
      if (random.nextDouble() < 0.25) {
        query.append("&theme=").append(encode(themes.get(random.nextInt(themes.size()))));
      }
      if (random.nextDouble() < 0.2) {
        query.append("&band=").append(BANDS.get(random.nextInt(BANDS.size())));
      }
      if (figure.equals("requests")) {
        query.append("&select=").append(encode(SELECTIONS.get(random.nextInt(SELECTIONS.size()))));
      }
      return query.toString();
    }

    /** The codes in the first column of a seed file. */
    private static List<String> codes(String seed) {
      try {
        return Files.readAllLines(Path.of(seed)).stream().filter(line -> !line.startsWith("#") && !line.isBlank())
            .skip(1).map(line -> line.substring(0, line.indexOf(','))).toList();
      } catch (IOException e) {
        throw new IllegalStateException("Cannot read " + seed, e);
      }
    }

    private static String encode(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
  }

  private static void call(HttpClient http, String base, String figure, String query, Calls calls) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + figure + "?" + query)).timeout(Duration.ofSeconds(60))
        .header("Authorization", AUTHORIZATION).header("Accept", "application/json").GET().build();
    long began = System.nanoTime();
    try {
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      calls.answered(answer.statusCode(), (System.nanoTime() - began) / 1_000_000, figure + "?" + query + ": " + answer.body());
    } catch (IOException e) {
      calls.failed(figure + "?" + query + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      calls.failed(figure + "?" + query + ": interrupted");
    }
  }

  private static String line(Calls calls) {
    return String.format(Locale.ROOT, "%d answered, p50 %d ms, p95 %d ms, p99 %d ms, max %d ms, %d errors",
        calls.millis.size(), calls.percentile(0.50), calls.percentile(0.95), calls.percentile(0.99), calls.percentile(1),
        calls.errors);
  }

  private static String report(Duration generation, Duration startUp, Map<String, Calls> single, Map<String, Calls> mixed,
      Map<String, Double> cpuPerCall) {
    StringBuilder out = new StringBuilder();
    out.append("# Dashboard benchmark, ").append(Instant.now()).append("\n\n");
    out.append(String.format(Locale.ROOT, "%,d generated requests over %d years, generated in %d s (profile "
        + "generate-history, -Xmx512m); product -Xmx512m, H2 file, started in %d s; %d CPUs; client in the same machine.%n%n",
        REQUESTS, YEARS, generation.toSeconds(), startUp.toSeconds(), Runtime.getRuntime().availableProcessors()));
    out.append("One manager, ").append(CALLS).append(" calls per figure after ").append(WARM_UP_CALLS)
        .append(" to warm up:\n\n");
    out.append("| figure | answered | p50 ms | p95 ms | p99 ms | max ms | errors | CPU ms per call | statuses |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    single.forEach((figure, calls) -> out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %.1f | %s |%n",
        figure, calls.millis.size(), calls.percentile(0.50), calls.percentile(0.95), calls.percentile(0.99),
        calls.percentile(1), calls.errors, cpuPerCall.get(figure), calls.statuses)));
    out.append("\n").append(CLIENTS).append(" managers at once for ").append(MIXED.toSeconds())
        .append(" s, each calling the figures in turn:\n\n");
    out.append("| figure | answered | p50 ms | p95 ms | p99 ms | max ms | errors | statuses |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
    mixed.forEach((figure, calls) -> out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %s |%n",
        figure, calls.millis.size(), calls.percentile(0.50), calls.percentile(0.95), calls.percentile(0.99),
        calls.percentile(1), calls.errors, calls.statuses)));
    single.values().stream().filter(c -> c.firstError != null).findFirst()
        .ifPresent(c -> out.append("\nFirst error: ").append(c.firstError).append("\n"));
    return out.toString();
  }
}
