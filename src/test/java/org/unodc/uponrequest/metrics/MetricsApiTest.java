package org.unodc.uponrequest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * /api/metrics over HTTP as managers and others use it: every figure's CSV has the cells of its
 * JSON, bad parameters are refused naming the parameter, and only managers read any of it (the
 * access matrix has the same rows for every role); /actuator/prometheus for managers and the
 * metrics account only (Spring Boot's tests leave metrics export off unless asked, hence the annotation).
 */
@AutoConfigureObservability(tracing = false)
class MetricsApiTest extends FourRequests {

  static final String QUERY = "from=2031-01&to=2031-03";
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired MonitoringGauges gauges;

  @Test
  void everyFiguresCsvHasTheCellsOfItsJson() throws Exception {
    for (String figure : MetricsApi.FIGURES) {
      String select = figure.equals("requests") ? "&select=received" : "";
      HttpResponse<String> json = get("manager", "/api/metrics/" + figure + "?" + QUERY + select);
      HttpResponse<String> csv = get("manager", "/api/metrics/" + figure + "?" + QUERY + select + "&format=csv");
      assertThat(json.statusCode()).as(figure).isEqualTo(200);
      assertThat(csv.statusCode()).as(figure).isEqualTo(200);
      assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
      assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
          .contains("uponrequest-" + figure + "-2031-01-to-2031-03.csv");
      JsonNode body = JSON.readTree(json.body());
      List<String> lines = List.of(csv.body().split("\r\n"));
      List<String> columns = new ArrayList<>();
      body.get("columns").forEach(column -> columns.add(column.asText()));
      assertThat(lines.get(0)).as(figure).isEqualTo(String.join(",", columns));
      assertThat(lines).as(figure).hasSize(body.get("rows").size() + 1);
      for (int i = 0; i < body.get("rows").size(); i++) {
        JsonNode row = body.get("rows").get(i);
        List<String> cells = new ArrayList<>();
        columns.forEach(column -> cells.add(row.get(column).isNull() ? "" : quoted(row.get(column).asText())));
        assertThat(lines.get(i + 1)).as(figure + " row " + i).isEqualTo(String.join(",", cells));
      }
    }
  }

  @Test
  void theFiguresAreInTheOpenApiDocument() throws Exception {
    JsonNode api = JSON.readTree(get("manager", "/api/openapi.json").body());
    assertThat(api.get("paths").has("/api/metrics/{figure}")).isTrue();
    assertThat(api.get("paths").get("/api/metrics/{figure}").get("get").get("description").asText())
        .contains("stage-times").contains("format=csv");
  }

  @Test
  void theCsvOfAFigureIsAlsoServedForAnAcceptHeader() throws Exception {
    HttpResponse<String> csv = send(request("manager", "/api/metrics/monthly?" + QUERY).header("Accept", "text/csv").GET());
    assertThat(csv.body()).startsWith("month,received,completed\r\n2031-01,2,0\r\n2031-02,2,0\r\n2031-03,0,1\r\n");
  }

  @Test
  void theJsonNamesTheFilterAndTheTotalBehindAFigure() throws Exception {
    JsonNode body = JSON.readTree(get("manager", "/api/metrics/requests?" + QUERY + "&region=Asia&select=open").body());
    assertThat(body.get("filter").get("region").asText()).isEqualTo("Asia");
    assertThat(body.get("total").asLong()).isEqualTo(1);
    assertThat(body.get("rows").get(0).get("leadState").asText()).isEqualTo("PAK");
    assertThat(body.get("rows").get(0).get("link").asText()).startsWith("/portal/requests/TA-2031-");
  }

  @Test
  void badParametersAreRefusedNamingTheParameter() throws Exception {
    assertRefused("/api/metrics/summary?from=2031-13", "from");
    assertRefused("/api/metrics/summary?from=2031-05&to=2031-01", "from");
    assertRefused("/api/metrics/summary?region=Atlantis", "region");
    assertRefused("/api/metrics/summary?office=%27%3B%20DROP%20TABLE%20UR_METRIC_REQUEST%3B--", "office");
    assertRefused("/api/metrics/summary?band=URGENT", "band");
    assertRefused("/api/metrics/summary?theme=%3Cscript%3E", "theme");
    assertRefused("/api/metrics/summary?format=xml", "format");
    assertRefused("/api/metrics/requests?select=everything", "select");
    assertRefused("/api/metrics/requests?select=reached:NOWHERE", "select");
    assertRefused("/api/metrics/requests?select=flow:Flow_Nowhere", "select");
    assertRefused("/api/metrics/requests?select=age:9", "select");
    assertRefused("/api/metrics/requests?limit=0", "limit");
    assertRefused("/api/metrics/requests?limit=ten", "limit");
    HttpResponse<String> unknown = get("manager", "/api/metrics/secrets");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("summary, stages");
    assertThat(get("manager", "/manager?from=2031-13").statusCode()).isEqualTo(400);
    assertThat(get("manager", "/manager?from=2031-13").body()).contains("The filter cannot be used: from:");
  }

  @Test
  void onlyManagersReadTheFiguresAndTheDashboard() throws Exception {
    for (String user : List.of("ken.focal", "intake", "office.nairobi", "metrics")) {
      assertThat(get(user, "/api/metrics/summary").statusCode()).as(user).isEqualTo(403);
      assertThat(get(user, "/api/metrics/requests?select=open&format=csv").statusCode()).as(user).isEqualTo(403);
      assertThat(get(user, "/manager").statusCode()).as(user).isEqualTo(403);
    }
    assertThat(send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/metrics/summary")).GET())
        .statusCode()).isEqualTo(401);
    assertThat(get("manager", "/manager").statusCode()).isEqualTo(200);
    assertThat(get("manager", "/manager").body()).contains("open requests now").contains("data-figure=\"stages\"");
  }

  @Test
  void prometheusIsForManagersAndTheMetricsAccount() throws Exception {
    gauges.refresh();
    HttpResponse<String> scrape = get("metrics", "/actuator/prometheus");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body()).contains("uponrequest_requests_open_requests{stage=\"INTAKE\"} 1.0")
        .contains("uponrequest_requests_open_requests{stage=\"ASSESSMENT\"} 1.0")
        .contains("uponrequest_tasks_overdue_tasks{office=\"none\"} 2.0")
        .contains("uponrequest_stage_duration_days{quantile=\"0.5\",stage=\"FUNDING\"}")
        .contains("uponrequest_jobs_failed").contains("uponrequest_job_executor_active");
    assertThat(get("manager", "/actuator/prometheus").statusCode()).isEqualTo(200);
    for (String user : List.of("ken.focal", "intake", "office.nairobi")) {
      for (String spelling : List.of("/actuator/prometheus", "/ACTUATOR/Prometheus", "/actuator/prometheus/",
          "/actuator/%70rometheus", "/actuator/./prometheus", "/actuator//prometheus", "/actuator/prometheus;x=1")) {
        assertThat(get(user, spelling).statusCode()).as(user + " " + spelling).isIn(400, 403, 404);
      }
    }
  }

  private void assertRefused(String path, String field) throws Exception {
    HttpResponse<String> response = get("manager", path);
    assertThat(response.statusCode()).as(path).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(JSON.readTree(response.body()).get("field").asText()).as(path).isEqualTo(field);
  }

  private static String quoted(String text) {
    return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }

  private HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
    return send(request(user, path).GET());
  }

  private HttpRequest.Builder request(String user, String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization",
        "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
