package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.unodc.uponrequest.documents.Documents;
import org.unodc.uponrequest.documents.SampleFiles;

/**
 * Documents over HTTP, as a focal point's browser, a machine client and UNODC staff use them: the
 * request's page lists them and carries the upload form; an upload needs the page's CSRF token; a
 * refused one comes back as the page (or problem details) naming the field, with 400, 409, 413 or
 * 415, and stores nothing; a download is an attachment of the stored type, never sniffed; other
 * states and staff who do not work on the request get the same 404 as for nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentsOverHttpTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;

  private HttpSession machine;
  private String kenyas;
  private String colombias;

  @BeforeAll
  void kenyaAndColombiaHaveFiled() throws IOException {
    machine = HttpSession.machine(port);
    kenyas = file("ken.focal", "KEN");
    colombias = file("col.focal", "COL");
  }

  @Test
  void aFocalPointAttachesADocumentFromTheRequestsPageAndDownloadsIt() {
    HttpSession browser = signedIn("ken.focal");
    HttpResponse<String> page = browser.get("/portal/requests/" + kenyas, "en");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"documents\"", "No documents are attached to this request yet.",
        "enctype=\"multipart/form-data\"", "<label class=\"pf-label\" for=\"document-file\"", "id=\"document-file\"",
        "at most 10 MB each and 20 documents per request", "accept=\".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg\"");
    assertThat(page.body()).as("no inline script or style (CSP)").doesNotContain("<script", "style=");

    HttpResponse<String> attached = browser.postFile("/portal/requests/" + kenyas + "/documents", "file",
        "Draft law.pdf", "application/octet-stream", SampleFiles.pdf(), "_csrf", HttpSession.csrfOf(page));
    assertThat(attached.statusCode()).as(attached.body()).isEqualTo(302);
    assertThat(attached.headers().firstValue("Location").orElse("")).endsWith("/portal/requests/" + kenyas + "#documents");

    HttpResponse<String> after = browser.get("/portal/requests/" + kenyas, "en");
    assertThat(after.body()).contains("The document was attached to the request.", "Draft law.pdf", "PDF", "Kenya");
    String link = between(after.body(), "href=\"/portal/requests/" + kenyas + "/documents/", "\"");
    HttpResponse<byte[]> download = browser.download("/portal/requests/" + kenyas + "/documents/" + link);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(SampleFiles.pdf());
    assertThat(download.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
    assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;").contains("Draft");
    assertThat(download.headers().allValues("X-Content-Type-Options")).containsOnly("nosniff");

    HttpSession colombia = signedIn("col.focal");
    HttpResponse<byte[]> foreign = colombia.download("/portal/requests/" + kenyas + "/documents/" + link);
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(colombia.download("/portal/requests/" + colombias + "/documents/" + link).statusCode()).isEqualTo(404);
  }

  @Test
  void aRefusedUploadComesBackAsThePageWithTheErrorAtTheFileFieldAndStoresNothing() {
    String reference = file("ken.focal", "KEN");
    HttpSession browser = signedIn("ken.focal");
    String token = HttpSession.csrfOf(browser.get("/portal/requests/" + reference, "en"));
    String path = "/portal/requests/" + reference + "/documents";

    HttpResponse<String> program = browser.postFile(path, "file", "minutes.pdf", "application/pdf",
        SampleFiles.windowsProgram(), "_csrf", token);
    assertThat(program.statusCode()).isEqualTo(415);
    assertThat(program.body()).contains("<title>Error: Documents of the request " + reference,
        "The file is not a PDF, Word, Excel, PNG or JPEG document", "aria-invalid=\"true\"",
        "aria-describedby=\"document-file-hint document-file-error\"");
    assertThat(browser.postFile(path, "file", "photo.png", "image/png", SampleFiles.html(), "_csrf", token).statusCode())
        .isEqualTo(415);
    HttpResponse<String> empty = browser.postFile(path, "file", "empty.pdf", "application/pdf", new byte[0], "_csrf", token);
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("The file is empty.");
    HttpResponse<String> none = browser.postFile(path, null, null, null, null, "_csrf", token);
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(none.body()).contains("Choose a file to attach.");
    HttpResponse<String> large = browser.postFile(path, "file", "large.pdf", "application/pdf",
        SampleFiles.pdfOfSize((int) Documents.MAX_SIZE + 100_000), "_csrf", token);
    assertThat(large.statusCode()).isEqualTo(413);
    assertThat(large.body()).contains("The file is larger than 10 MB");
    HttpResponse<String> huge = browser.postFile(path, "file", "huge.pdf", "application/pdf",
        SampleFiles.pdfOfSize(12 * 1024 * 1024), "_csrf", token);
    assertThat(huge.statusCode()).as("beyond the multipart limit: the token in the body is not read, yet the answer is the size").isEqualTo(413);
    assertThat(huge.body()).contains("The file is larger than 10 MB", "aria-invalid=\"true\"");
    HttpResponse<String> withoutToken = browser.postFile(path, "file", "a.pdf", "application/pdf", SampleFiles.pdf());
    assertThat(withoutToken.statusCode()).isEqualTo(403);

    assertThat(json(machine.exchangeAs("ken.focal", "demo", "GET", "/api/requests/" + reference + "/documents", null)))
        .as("nothing stored").isEmpty();
  }

  @Test
  void theApiAttachesListsAndDownloadsWithProblemDetailsNamingTheField() {
    String reference = file("ken.focal", "KEN");
    String documents = "/api/requests/" + reference + "/documents";
    byte[] workbook = SampleFiles.xlsx();
    HttpResponse<String> created = machine.postFileAs("ken.focal", "demo", documents, "file", "Budget.xlsx",
        "application/vnd.ms-excel", workbook);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode document = json(created);
    String id = document.get("id").asText();
    assertThat(created.headers().firstValue("Location").orElse("")).endsWith(documents + "/" + id);
    assertThat(document.get("name").asText()).isEqualTo("Budget.xlsx");
    assertThat(document.get("mediaType").asText()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(document.get("uploader").asText()).isEqualTo("KEN");
    assertThat(document.get("sha256").asText()).hasSize(64);
    assertThat(document.has("uploadedBy")).isFalse();
    assertThat(document.has("processInstanceId")).isFalse();

    JsonNode listed = json(machine.exchangeAs("ken.focal", "demo", "GET", documents, null));
    assertThat(listed).hasSize(1);
    HttpResponse<byte[]> download = machine.downloadAs("ken.focal", "demo", documents + "/" + id);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(workbook);
    assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");

    HttpResponse<String> html = machine.postFileAs("ken.focal", "demo", documents, "file", "photo.png", "image/png",
        SampleFiles.html());
    problem(html, 415, "file");
    HttpResponse<String> zip = machine.postFileAs("ken.focal", "demo", documents, "file", "report.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", SampleFiles.plainZip());
    problem(zip, 415, "file");
    problem(machine.postFileAs("ken.focal", "demo", documents, "file", "big.pdf", "application/pdf",
        SampleFiles.pdfOfSize((int) Documents.MAX_SIZE + 1)), 413, "file");
    // beyond the multipart limit the container stops reading: still a 413 naming the field
    problem(machine.postFileAs("ken.focal", "demo", documents, "file", "huge.pdf", "application/pdf",
        SampleFiles.pdfOfSize(12 * 1024 * 1024)), 413, "file");
    problem(machine.exchangeAs("ken.focal", "demo", "POST", documents, "{}"), 400, "file");
    assertThat(json(machine.exchangeAs("ken.focal", "demo", "GET", documents, null))).as("nothing more stored").hasSize(1);

    // another state: the answer of a request that does not exist, at every door
    String nowhere = "/api/requests/TA-1999-00001/documents";
    HttpResponse<String> none = machine.exchangeAs("col.focal", "demo", "GET", nowhere, null);
    problem(none, 404, "reference");
    HttpResponse<String> foreign = machine.exchangeAs("col.focal", "demo", "GET", documents, null);
    problem(foreign, 404, "reference");
    assertThat(foreign.body()).isEqualTo(none.body().replace("TA-1999-00001", reference));
    problem(machine.exchangeAs("col.focal", "demo", "GET", documents + "/" + id, null), 404, "reference");
    problem(machine.postFileAs("col.focal", "demo", documents, "file", "a.pdf", "application/pdf", SampleFiles.pdf()),
        404, "reference");
    problem(machine.exchangeAs("col.focal", "demo", "GET", "/api/requests/" + colombias + "/documents/" + id, null),
        404, "documentId");
  }

  @Test
  void staffWhoWorkOnTheRequestManagersAndAdministratorsReadAndAttachOthersGet404() {
    String reference = file("ken.focal", "KEN");
    String documents = "/api/requests/" + reference + "/documents";
    String kenyan = json(machine.postFileAs("ken.focal", "demo", documents, "file", "letter.pdf", "application/pdf",
        SampleFiles.pdf())).get("id").asText();

    HttpSession intake = signedIn("intake");
    HttpResponse<String> page = intake.get("/portal/requests/" + reference + "/documents", "en");
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains("letter.pdf", "Kenya", "Every document attached to this request");
    HttpResponse<String> attached = intake.postFile("/portal/requests/" + reference + "/documents", "file", "Screening note.docx",
        "application/msword", SampleFiles.docx(), "_csrf", HttpSession.csrfOf(page));
    assertThat(attached.statusCode()).as(attached.body()).isEqualTo(302);
    assertThat(attached.headers().firstValue("Location").orElse("")).endsWith("/portal/requests/" + reference + "/documents");
    assertThat(intake.get("/portal/requests/" + reference + "/documents", "en").body()).contains("Screening note.docx", "UNODC");

    for (String staff : List.of("intake", "manager", "admin")) {
      JsonNode listed = json(machine.exchangeAs(staff, "demo", "GET", documents, null));
      assertThat(listed).as(staff).hasSize(2);
      assertThat(listed.get(0).get("uploadedBy").asText()).as("staff see who").isEqualTo("ken.focal");
      assertThat(machine.downloadAs(staff, "demo", documents + "/" + kenyan).statusCode()).as(staff).isEqualTo(200);
    }
    // the lead state sees what UNODC attached, without the officer's user name
    JsonNode kenya = json(machine.exchangeAs("ken.focal", "demo", "GET", documents, null));
    assertThat(kenya).hasSize(2);
    assertThat(kenya.get(1).get("uploader").asText()).isEqualTo("UNODC");
    assertThat(kenya.get(1).has("uploadedBy")).isFalse();

    for (String stranger : List.of("planner", "specialist.terrorism", "office.nairobi", "office.vienna")) {
      problem(machine.exchangeAs(stranger, "demo", "GET", documents, null), 404, "reference");
      assertThat(machine.downloadAs(stranger, "demo", documents + "/" + kenyan).statusCode()).as(stranger).isEqualTo(404);
      assertThat(signedIn(stranger).get("/portal/requests/" + reference + "/documents", "en").statusCode()).as(stranger)
          .isEqualTo(404);
    }
    assertThat(machine.get(documents).statusCode()).as("anonymous").isEqualTo(401);
  }

  private static void problem(HttpResponse<String> response, int status, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(json(response).get("field").asText()).isEqualTo(field);
  }

  private HttpSession signedIn(String user) {
    HttpSession browser = new HttpSession(port);
    assertThat(browser.login(user, "demo").statusCode()).isEqualTo(302);
    return browser;
  }

  private String file(String focalPoint, String state) {
    return StateFiling.file(machine, focalPoint, "demo", state, "Documents over HTTP of " + state);
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertThat(from).as("'" + start + "' in the page").isGreaterThanOrEqualTo(0);
    from += start.length();
    return text.substring(from, text.indexOf(end, from));
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(response.body(), e);
    }
  }
}
