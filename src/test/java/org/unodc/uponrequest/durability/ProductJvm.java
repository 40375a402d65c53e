package org.unodc.uponrequest.durability;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The product as the operator runs it: {@code java -jar} in a child JVM of its own, on a free port
 * and a given data directory, with its output in a log file for diagnosis.
 */
public final class ProductJvm implements AutoCloseable {

  /** Children still alive when the test JVM ends (a failed or interrupted build) are killed too. */
  private static final Set<Process> CHILDREN = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> CHILDREN.forEach(Process::destroyForcibly)));
  }

  /**
   * For drills, which check what survives, not how fast: the client compiler only. Each start of
   * the product is 1.3-1.7 s shorter on two cores (of about 12 s), and the drills start it eight times.
   */
  public static final List<String> DRILL_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

  private final Process process;
  private final int port;
  private final Path log;

  private ProductJvm(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static ProductJvm start(Path jar, Path dataDir, Path log) throws IOException {
    return start(jar, dataDir, log, List.of());
  }

  /** @param jvmOptions e.g. {@code -Xmx512m}, before {@code -jar} */
  public static ProductJvm start(Path jar, Path dataDir, Path log, List<String> jvmOptions) throws IOException {
    return start(jar, dataDir, log, jvmOptions, List.of());
  }

  /**
   * @param arguments the product's own, after the port, data directory and the demo profile, e.g.
   *     {@code --spring.profiles.active=demo,postgres} and the database's address
   */
  public static ProductJvm start(Path jar, Path dataDir, Path log, List<String> jvmOptions, List<String> arguments)
      throws IOException {
    int port = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(),
            "--server.port=" + port,
            "--uponrequest.data-dir=" + dataDir));
    if (arguments.stream().noneMatch(argument -> argument.startsWith("--spring.profiles.active="))) {
      command.add("--spring.profiles.active=demo");
    }
    command.addAll(arguments);
    Process process = new ProcessBuilder(command)
        // anything the product writes relative to its working directory stays next to the log
        .directory(log.getParent().toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    CHILDREN.add(process);
    return new ProductJvm(process, port, log);
  }

  /** CPU time the product's JVM has used so far, all threads (from /proc on Linux; -1 elsewhere). */
  public long cpuMillis() {
    try {
      String[] stat = java.nio.file.Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"))
          .replaceFirst("^.*\\) ", "").split(" ");
      // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command's name, in clock ticks
      return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * 1000 / CLOCK_TICKS_PER_SECOND;
    } catch (IOException | RuntimeException notLinux) {
      return -1;
    }
  }

  /** USER_HZ: 100 on every Linux this project runs on. */
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  /**
   * The heap in use right after a full collection, in KB, read with {@code jcmd} (the JDK's own
   * tool, next to this JVM's {@code java}); -1 if it cannot be read.
   */
  public long heapUsedAfterFullGcKb() {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      run(jcmd.toString(), String.valueOf(process.pid()), "GC.run");
      java.util.regex.Matcher used = java.util.regex.Pattern.compile("total \\d+K, used (\\d+)K")
          .matcher(run(jcmd.toString(), String.valueOf(process.pid()), "GC.heap_info"));
      return used.find() ? Long.parseLong(used.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(tool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    tool.waitFor();
    return output;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** Waits until the product answers UP on its health endpoint; fails with the log's tail if it dies or takes too long. */
  public void awaitHealthy(Duration timeout) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
        .timeout(Duration.ofSeconds(5)).GET().build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("The product exited with " + process.exitValue() + " before it was healthy:\n" + logTail());
      }
      try {
        HttpResponse<String> answer = client.send(health, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException notListeningYet) {
        // keep polling until the deadline
      }
      Thread.sleep(250);
    }
    fail("The product was not healthy within " + timeout + ":\n" + logTail());
  }

  /**
   * SIGKILL: no shutdown hook, no orderly close of the database, as with {@code kill -9} or the
   * kernel's OOM killer. Returns the exit status (137 on Unix: killed by signal 9).
   */
  int killHard() throws InterruptedException {
    sendSigkill();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      fail("The product still runs 30 s after SIGKILL");
    }
    CHILDREN.remove(process);
    return process.exitValue();
  }

  /** SIGTERM and waits: the product shuts down in order and closes its database, so another JVM may open the H2 file. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      fail("The product still runs 60 s after SIGTERM");
    }
    CHILDREN.remove(process);
  }

  /** Sends SIGKILL and returns at once; safe from any thread. {@link #killHard()} then waits for the end. */
  void sendSigkill() {
    process.destroyForcibly();
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "(" + log + ")\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ": " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      killHard();
    }
    CHILDREN.remove(process);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
