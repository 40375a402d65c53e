package org.unodc.uponrequest.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.unodc.uponrequest.documents.Documents.Upload;
import org.unodc.uponrequest.process.TechnicalAssistanceProcess;
import org.unodc.uponrequest.process.VariableValues;

/**
 * The documents service on its own (no HTTP): every accepted kind stored and read back as it was
 * sent, every refusal stores nothing, the limits (10 MB, 20 a request), safe names, and who sees
 * which document: states by the rule in {@link DocumentAccess}, staff by the engine's read check.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentsServiceTest {

  static final Authentication KENYA = as("ken.focal", "focal-KEN");
  static final Authentication COLOMBIA = as("col.focal", "focal-COL");
  static final Authentication UGANDA = as("uga.focal", "focal-UGA");
  static final Authentication TANZANIA = as("tza.documents", "focal-TZA");
  static final Authentication INTAKE = as("intake", "hq-intake");
  static final Authentication PLANNER = as("planner", "strategic-planning");
  static final Authentication MANAGER = as("manager", "managers");
  static final Authentication ADMIN = as("admin", "camunda-admin", "managers");

  @Autowired Documents documents;
  @Autowired FormService formService;
  @Autowired RepositoryService repositoryService;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired IdentityService identityService;

  private String kenyas;
  private String colombias;

  static Authentication as(String user, String... groups) {
    return UsernamePasswordAuthenticationToken.authenticated(user, null,
        Arrays.stream(groups).map(group -> new SimpleGrantedAuthority("GROUP_" + group)).toList());
  }

  @BeforeAll
  void kenyaAndColombiaHaveFiled() {
    kenyas = file("ken.focal", "KEN", List.of());
    colombias = file("col.focal", "COL", List.of());
  }

  @Test
  void everyAcceptedKindIsStoredAndReadBackAsSent() {
    String reference = file("ken.focal", "KEN", List.of());
    Map<String, byte[]> samples = Map.of("Draft law.pdf", SampleFiles.pdf(), "Organigramme.png", SampleFiles.png(),
        "Workshop photo.jpeg", SampleFiles.jpeg(), "Draft law.docx", SampleFiles.docx(), "Budget.xlsx", SampleFiles.xlsx(),
        "Old draft law.doc", SampleFiles.doc(), "Old budget.xls", SampleFiles.xls());
    for (Map.Entry<String, byte[]> sample : samples.entrySet()) {
      Document stored = documents.store(KENYA, reference, Upload.of(sample.getKey(), sample.getValue()));
      assertThat(stored.name()).isEqualTo(sample.getKey());
      assertThat(stored.uploader()).isEqualTo("KEN");
      assertThat(stored.uploadedBy()).as("a state is not told user names").isNull();
      assertThat(stored.size()).isEqualTo(sample.getValue().length);
      StoredDocument read = documents.read(KENYA, reference, stored.id());
      assertThat(read.content()).isEqualTo(sample.getValue());
      assertThat(read.document().mediaType()).isEqualTo(stored.mediaType());
      assertThat(read.document().sha256()).isEqualTo(sha256(sample.getValue()));
    }
    assertThat(documents.list(KENYA, reference)).extracting(Document::mediaType).containsExactlyInAnyOrder(
        "application/pdf", "image/png", "image/jpeg", "application/msword", "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }

  @Test
  void refusedUploadsNameTheFieldAndStoreNothing() {
    String reference = file("ken.focal", "KEN", List.of());
    refused(reference, Upload.of("minutes.pdf", SampleFiles.windowsProgram()), HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    refused(reference, Upload.of("photo.png", SampleFiles.html()), HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    refused(reference, Upload.of("report.docx", SampleFiles.plainZip()), HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    refused(reference, Upload.of("empty.pdf", new byte[0]), HttpStatus.BAD_REQUEST);
    refused(reference, null, HttpStatus.BAD_REQUEST);
    refused(reference, Upload.of("big.pdf", SampleFiles.pdfOfSize((int) Documents.MAX_SIZE + 1)), HttpStatus.PAYLOAD_TOO_LARGE);
    // a size already known to be too large: the content is not even read
    refused(reference, new Upload("huge.pdf", Documents.MAX_SIZE + 1, () -> {
      throw new IOException("must not be read");
    }), HttpStatus.PAYLOAD_TOO_LARGE);
    // a size that lies: what is read decides
    byte[] over = SampleFiles.pdfOfSize((int) Documents.MAX_SIZE + 1);
    refused(reference, new Upload("liar.pdf", 10, () -> new java.io.ByteArrayInputStream(over)), HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(documents.list(KENYA, reference)).isEmpty();

    Document exactly = documents.store(KENYA, reference, Upload.of("ten.pdf", SampleFiles.pdfOfSize((int) Documents.MAX_SIZE)));
    assertThat(exactly.size()).isEqualTo(Documents.MAX_SIZE);
  }

  @Test
  void aRequestHoldsAtMostTwentyDocuments() {
    String reference = file("ken.focal", "KEN", List.of());
    for (int i = 1; i <= Documents.MAX_PER_REQUEST; i++) {
      documents.store(i % 2 == 0 ? KENYA : INTAKE, reference, Upload.of("photo " + i + ".png", SampleFiles.png()));
    }
    assertThatThrownBy(() -> documents.store(KENYA, reference, Upload.of("photo 21.png", SampleFiles.png())))
        .isInstanceOfSatisfying(DocumentRefused.class, refused -> {
          assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
          assertThat(refused.field()).isEqualTo("file");
          assertThat(refused.detail()).contains("20 documents");
        });
    assertThat(documents.list(INTAKE, reference)).hasSize(Documents.MAX_PER_REQUEST);
  }

  @Test
  void namesAreMadeSafeAndTheExtensionFollowsTheContent() {
    Document stored = documents.store(KENYA, kenyas, Upload.of("../../etc/passwd\u0000\r\n.pdf", SampleFiles.pdf()));
    assertThat(stored.name()).isEqualTo("passwd_.pdf");
    Document image = documents.store(KENYA, kenyas, Upload.of("C:\\fakepath\\.scan.exe", SampleFiles.jpeg()));
    assertThat(image.name()).isEqualTo("scan.jpg");
    assertThat(image.mediaType()).isEqualTo("image/jpeg");
  }

  @Test
  void otherStatesAndStaffWhoDoNotWorkOnTheRequestGetTheAnswerOfARequestThatDoesNotExist() {
    Document kenyan = documents.store(KENYA, kenyas, Upload.of("letter.pdf", SampleFiles.pdf()));
    for (Authentication stranger : List.of(COLOMBIA, PLANNER)) {
      notFound(() -> documents.list(stranger, kenyas), "reference");
      notFound(() -> documents.read(stranger, kenyas, kenyan.id()), "reference");
      notFound(() -> documents.store(stranger, kenyas, Upload.of("x.pdf", SampleFiles.pdf())), "reference");
    }
    notFound(() -> documents.list(KENYA, "TA-1999-00001"), "reference");
    notFound(() -> documents.list(KENYA, "not-a-reference"), "reference");
    // Kenya's document asked for on Colombia's own request
    notFound(() -> documents.read(COLOMBIA, colombias, kenyan.id()), "documentId");
    notFound(() -> documents.read(KENYA, kenyas, UUID.randomUUID().toString()), "documentId");
    notFound(() -> documents.read(KENYA, kenyas, "../" + kenyan.id()), "documentId");

    for (Authentication staff : List.of(INTAKE, MANAGER, ADMIN)) {
      assertThat(documents.list(staff, kenyas)).extracting(Document::id).contains(kenyan.id());
      assertThat(documents.read(staff, kenyas, kenyan.id()).document().uploadedBy()).as("staff see who").isEqualTo("ken.focal");
    }
  }

  @Test
  void inARegionalRequestEachStateSeesItsOwnAndTheLeadStatesDocumentsAndTheLeadAlsoUnodcs() {
    focalPoint("tza.documents", "TZA");
    String reference = file("ken.focal", "KEN", List.of("UGA", "TZA"));
    screenAndAccept(reference);
    confirm(reference, "UGA");
    confirm(reference, "TZA");

    Document lead = documents.store(KENYA, reference, Upload.of("lead.pdf", SampleFiles.pdf()));
    Document uganda = documents.store(UGANDA, reference, Upload.of("uganda.pdf", SampleFiles.pdf()));
    Document tanzania = documents.store(TANZANIA, reference, Upload.of("tanzania.pdf", SampleFiles.pdf()));
    Document unodc = documents.store(INTAKE, reference, Upload.of("unodc.pdf", SampleFiles.pdf()));
    assertThat(unodc.uploader()).isEqualTo(Document.UNODC);
    assertThat(unodc.uploadedBy()).isEqualTo("intake");
    assertThat(uganda.uploader()).isEqualTo("UGA");

    // stored within a few milliseconds: two may share their upload time, so their order is not asserted
    assertThat(names(documents.list(KENYA, reference))).containsExactlyInAnyOrder("lead.pdf", "unodc.pdf");
    assertThat(names(documents.list(UGANDA, reference))).containsExactlyInAnyOrder("lead.pdf", "uganda.pdf");
    assertThat(names(documents.list(TANZANIA, reference))).containsExactlyInAnyOrder("lead.pdf", "tanzania.pdf");
    assertThat(names(documents.list(INTAKE, reference))).containsExactlyInAnyOrder("lead.pdf", "uganda.pdf", "tanzania.pdf",
        "unodc.pdf");

    notFound(() -> documents.read(UGANDA, reference, tanzania.id()), "documentId");
    notFound(() -> documents.read(UGANDA, reference, unodc.id()), "documentId");
    notFound(() -> documents.read(KENYA, reference, uganda.id()), "documentId");
    assertThat(documents.read(TANZANIA, reference, lead.id()).content()).isEqualTo(SampleFiles.pdf());
    notFound(() -> documents.list(COLOMBIA, reference), "reference");
  }

  @Test
  void anEndedRequestKeepsItsDocumentsAndTakesNoMore() {
    String reference = file("ken.focal", "KEN", List.of());
    Document before = documents.store(KENYA, reference, Upload.of("before.pdf", SampleFiles.pdf()));
    runtimeService.createMessageCorrelation(TechnicalAssistanceProcess.WITHDRAWAL_MESSAGE).processInstanceBusinessKey(reference)
        .setVariable("withdrawalReason", "Covered by the national programme").setVariable("withdrawalConfirmed", true)
        .correlateWithResult();
    assertThatThrownBy(() -> documents.store(KENYA, reference, Upload.of("after.pdf", SampleFiles.pdf())))
        .isInstanceOfSatisfying(DocumentRefused.class, refused -> assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT));
    assertThat(names(documents.list(KENYA, reference))).containsExactly("before.pdf");
    assertThat(documents.read(KENYA, reference, before.id()).content()).isEqualTo(SampleFiles.pdf());
  }

  private void refused(String reference, Upload upload, HttpStatus status) {
    assertThatThrownBy(() -> documents.store(KENYA, reference, upload)).as(upload == null ? "no file" : upload.name())
        .isInstanceOfSatisfying(DocumentRefused.class, refused -> {
          assertThat(refused.getStatusCode()).isEqualTo(status);
          assertThat(refused.field()).isEqualTo("file");
        });
  }

  private static void notFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
    assertThatThrownBy(call).isInstanceOfSatisfying(DocumentRefused.class, refused -> {
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(refused.field()).isEqualTo(field);
    });
  }

  private static List<String> names(List<Document> listed) {
    return listed.stream().map(Document::name).toList();
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Files a request as the state's focal point (Java API), naming co-requesting states if any; its reference. */
  String file(String focalPoint, String state, List<String> coRequesting) {
    List<String> groups = identityService.createGroupQuery().groupMember(focalPoint).list().stream().map(g -> g.getId()).toList();
    identityService.setAuthentication(focalPoint, groups, List.of(state));
    try {
      var definition = repositoryService.createProcessDefinitionQuery()
          .processDefinitionKey(TechnicalAssistanceProcess.PROCESS_KEY).latestVersion().singleResult();
      VariableMap variables = Variables.createVariables()
          .putValue("memberState", state).putValue("title", "Documents test request of " + state)
          .putValue("description", "Training for border police and prosecutors on the new law.")
          .putValueTyped("thematicAreas", VariableValues.json(List.of("CORRUPTION")))
          .putValueTyped("assistanceTypes", VariableValues.json(List.of("LEGISLATIVE_ASSISTANCE")))
          .putValue("urgency", "NORMAL")
          .putValue("requesterName", "Focal point of " + state)
          .putValue("requesterEmail", "focal." + state.toLowerCase() + "@example.org");
      if (!coRequesting.isEmpty()) {
        variables.putValueTyped("coRequestingStates", VariableValues.json(coRequesting));
      }
      return formService.submitStartForm(definition.getId(), variables).getBusinessKey();
    } finally {
      identityService.clearAuthentication();
    }
  }

  void screenAndAccept(String reference) {
    var screening = taskService.createTaskQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey("Activity_ScreenRequest").singleResult();
    taskService.complete(screening.getId(), Variables.createVariables()
        .putValue("screeningOutcome", "ACCEPT").putValue("confirmedUrgency", "NORMAL"));
  }

  void confirm(String reference, String state) {
    var task = taskService.createTaskQuery().processInstanceBusinessKey(reference).tenantIdIn(state).singleResult();
    taskService.complete(task.getId(), Variables.createVariables()
        .putValue("participationDecision", "YES").putValue("participationNotes", "We take part."));
  }

  void focalPoint(String id, String state) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setFirstName("Focal");
      user.setLastName("Point of " + state);
      user.setPassword("documents-test-password");
      identityService.saveUser(user);
      identityService.createMembership(id, "focal-" + state);
    }
  }
}
