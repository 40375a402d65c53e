package org.unodc.uponrequest.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.unodc.uponrequest.referencedata.AssistanceType;
import org.unodc.uponrequest.referencedata.FundingSource;
import org.unodc.uponrequest.referencedata.MemberState;
import org.unodc.uponrequest.referencedata.ReferenceData;
import org.unodc.uponrequest.referencedata.SeedLoader;
import org.unodc.uponrequest.referencedata.ThematicArea;

/**
 * The Camunda Forms in {@code forms/} against the reference data in {@code seeds/}: every option
 * list that mirrors a seed file carries exactly the seed's codes and labels, so changing a seed
 * without regenerating the forms fails the build. Also checks that every form is a well-formed
 * form-js schema (version 16) whose id is its file name and whose field keys are declared process
 * variables. Plain JUnit, no Spring: forms are read from the classpath, where the pom puts the
 * top-level {@code forms/} and {@code seeds/} folders, and the seeds through the product's own
 * {@link SeedLoader}, so the test sees exactly what the application loads.
 */
class FormOptionsMatchSeedsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final ReferenceData SEEDS = SeedLoader.fromClasspath();

  private static final String MISMATCH =
      "options of forms/%s.form field %s (value -> label) must be exactly the rows of seeds/%s";

  /** The formRef of every start event and user task of technical-assistance-request, and the withdrawal's form. */
  private static final List<String> CONTRACT_FORMS = List.of(
      "request-submission", "screen-request", "provide-clarification", "follow-up-overdue-screening",
      "review-priority", "consult-terrorism-prevention", "consult-money-laundering",
      "consult-counter-piracy", "consult-trafficking-smuggling", "consult-firearms", "decide-on-negative-advice",
      "revise-request", "confirm-participation", "confirm-funding",
      "decide-on-assignment", "plan-delivery", "record-activity", "report-progress",
      "write-final-report", "give-feedback", "close-request",
      // not a step's: the fields a withdrawal message carries (property "form" of its start event)
      "withdraw-request",
      // the implementation report's start and review (annual-implementation-report, reporting.ReportVariables)
      "report-period", "review-report");

  /** form-js 1.8.7 (bundled with Tasklist 7.24) components this project uses. */
  private static final Set<String> SUPPORTED_TYPES = Set.of(
      "textfield", "textarea", "number", "datetime", "checkbox", "checklist", "radio", "select",
      "taglist", "text", "group", "dynamiclist", "separator", "spacer");

  // --- every form --------------------------------------------------------------------------------

  @Test
  void everyFormOfTheProcessContractExists() throws Exception {
    assertThat(formIds()).containsExactlyInAnyOrderElementsOf(CONTRACT_FORMS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formIds")
  void formIsAFormJsSchemaNamedAfterItsFile(String fileId) throws Exception {
    JsonNode form = form(fileId);

    assertThat(form.path("schemaVersion").asInt()).as("schemaVersion").isEqualTo(16);
    assertThat(form.path("type").asText()).as("type").isEqualTo("default");
    assertThat(form.path("id").asText()).as("id").isEqualTo(fileId);
    assertThat(form.path("components").isArray()).as("components").isTrue();

    List<JsonNode> components = components(form);
    Set<String> ids = new HashSet<>();
    for (JsonNode component : components) {
      String id = component.path("id").asText();
      assertThat(id).as("component id").isNotBlank();
      assertThat(ids.add(id)).as("component id %s is unique", id).isTrue();
      assertThat(component.path("type").asText()).as("type of %s", id).isIn(SUPPORTED_TYPES);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formIds")
  void everyFieldKeyIsADeclaredProcessVariable(String fileId) throws Exception {
    Set<String> declared = declaredProcessVariables();
    List<String> keys = new ArrayList<>();
    for (JsonNode component : components(form(fileId))) {
      if (component.hasNonNull("key")) {
        keys.add(component.get("key").asText());
      }
      if (component.hasNonNull("path")) {
        keys.add(component.get("path").asText());
      }
    }
    assertThat(keys).as("keys of %s", fileId).isNotEmpty();
    assertThat(declared).as("ProcessVariables constants").containsAll(keys);
    assertThat(new HashSet<>(keys)).as("keys of %s are unique", fileId).hasSameSizeAs(keys);
  }

  // --- option lists backed by seeds -----------------------------------------------------------

  @Test
  void memberStateOptionsAreTheSeededMemberStates() throws Exception {
    JsonNode field = field("request-submission", "memberState");
    assertThat(field.path("type").asText()).isEqualTo("select");
    assertThat(field.path("searchable").asBoolean()).as("searchable").isTrue();
    assertThat(options(field)).as(MISMATCH, "request-submission", "memberState", "member-states.csv")
        .isEqualTo(seed(SEEDS.memberStates(), MemberState::iso3, MemberState::name));
    assertThat(options(field)).as("UN member states").hasSize(193);
  }

  @Test
  void thematicAreaOptionsAreTheSeededThematicAreas() throws Exception {
    JsonNode field = field("request-submission", "thematicAreas");
    assertThat(field.path("type").asText()).isIn("checklist", "taglist");
    assertThat(options(field)).as(MISMATCH, "request-submission", "thematicAreas", "thematic-areas.csv")
        .isEqualTo(seed(SEEDS.thematicAreas(), ThematicArea::code, ThematicArea::label));
  }

  @Test
  void coRequestingStateOptionsAreTheSeededMemberStates() throws Exception {
    JsonNode field = field("request-submission", ProcessVariables.CO_REQUESTING_STATES);
    assertThat(field.path("type").asText()).isEqualTo("taglist");
    assertThat(options(field)).as(MISMATCH, "request-submission", "coRequestingStates", "member-states.csv")
        .isEqualTo(seed(SEEDS.memberStates(), MemberState::iso3, MemberState::name));
  }

  @Test
  void primaryAreaOptionsAreTheSeededThematicAreas() throws Exception {
    JsonNode field = field("request-submission", ProcessVariables.PRIMARY_THEMATIC_AREA);
    assertThat(field.path("type").asText()).isEqualTo("select");
    assertThat(field.path("validate").path("required").asBoolean()).as("optional: the least weighted area counts without it")
        .isFalse();
    assertThat(options(field)).as(MISMATCH, "request-submission", "primaryThematicArea", "thematic-areas.csv")
        .isEqualTo(seed(SEEDS.thematicAreas(), ThematicArea::code, ThematicArea::label));
  }

  @Test
  void partnerOptionsAreTheSeededPartnerOrganisations() throws Exception {
    var regional = SEEDS.partnerOrganisations().stream()
        .filter(p -> p.kind() == org.unodc.uponrequest.referencedata.PartnerKind.REGIONAL_ORGANISATION).toList();
    var others = SEEDS.partnerOrganisations().stream()
        .filter(p -> p.kind() != org.unodc.uponrequest.referencedata.PartnerKind.REGIONAL_ORGANISATION).toList();
    assertThat(options(field("request-submission", ProcessVariables.PARTNER_ORGANISATIONS)).keySet())
        .as(MISMATCH, "request-submission", "partnerOrganisations", "partner-organisations.csv (regional)")
        .containsExactlyElementsOf(regional.stream().map(p -> p.code()).toList());
    assertThat(options(field("review-priority", ProcessVariables.COORDINATION_PARTNERS)).keySet())
        .as(MISMATCH, "review-priority", "coordinationPartners", "partner-organisations.csv (UN and others)")
        .containsExactlyElementsOf(others.stream().map(p -> p.code()).toList());
  }

  @Test
  void assistanceTypeOptionsAreTheSeededAssistanceTypes() throws Exception {
    JsonNode field = field("request-submission", "assistanceTypes");
    assertThat(field.path("type").asText()).isIn("checklist", "taglist");
    assertThat(options(field)).as(MISMATCH, "request-submission", "assistanceTypes", "assistance-types.csv")
        .isEqualTo(seed(SEEDS.assistanceTypes(), AssistanceType::code, AssistanceType::label));
  }

  @Test
  void plannedActivityTypesAreTheSeededAssistanceTypes() throws Exception {
    JsonNode list = components(form("plan-delivery")).stream()
        .filter(c -> "dynamiclist".equals(c.path("type").asText()))
        .findFirst().orElseThrow();
    assertThat(list.path("path").asText()).isEqualTo(ProcessVariables.DELIVERY_ACTIVITIES);

    JsonNode field = field("plan-delivery", "activityType");
    assertThat(field.path("type").asText()).isEqualTo("select");
    assertThat(options(field)).as(MISMATCH, "plan-delivery", "activityType", "assistance-types.csv")
        .isEqualTo(seed(SEEDS.assistanceTypes(), AssistanceType::code, AssistanceType::label));
  }

  @Test
  void fundingSourceOptionsAreTheSeededFundingSources() throws Exception {
    JsonNode field = field("confirm-funding", "fundingSource");
    assertThat(field.path("type").asText()).isEqualTo("select");
    assertThat(options(field)).as(MISMATCH, "confirm-funding", "fundingSource", "funding-sources.csv")
        .isEqualTo(seed(SEEDS.fundingSources(), FundingSource::code, FundingSource::label));
  }

  @Test
  void donorIsAskedForExactlyTheFundingSourcesThatRequireOne() throws Exception {
    Set<String> requiringDonor = SEEDS.fundingSources().stream()
        .filter(FundingSource::requiresDonor)
        .map(FundingSource::code)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(requiringDonor).as("funding sources with requires_donor=true").isNotEmpty();
    String hide = field("confirm-funding", "donor").path("conditional").path("hide").asText();
    Matcher list = Pattern.compile("list contains\\(\\[([^\\]]*)]").matcher(hide);
    assertThat(list.find()).as("donor hide expression %s names the sources", hide).isTrue();
    Set<String> named = new TreeSet<>();
    Matcher code = Pattern.compile("\"([^\"]+)\"").matcher(list.group(1));
    while (code.find()) {
      named.add(code.group(1));
    }
    assertThat(named)
        .as("forms/confirm-funding.form asks for a donor for the sources with requires_donor=true in "
            + "seeds/funding-sources.csv")
        .isEqualTo(requiringDonor);
  }

  @Test
  void urgencyOptionsAreTheUrgencyLevelsOfThePriorityAssessment() throws Exception {
    assertThat(options(field("request-submission", "urgency")).keySet())
        .containsExactly("LOW", "NORMAL", "HIGH", "CRITICAL");
  }

  // --- helpers ------------------------------------------------------------------------------------

  static List<String> formIds() throws IOException, URISyntaxException {
    URL forms = FormOptionsMatchSeedsTest.class.getClassLoader().getResource("forms");
    assertThat(forms).as("forms/ on the classpath").isNotNull();
    try (Stream<Path> files = Files.list(Paths.get(forms.toURI()))) {
      return files.map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".form"))
          .map(name -> name.substring(0, name.length() - ".form".length()))
          .sorted()
          .toList();
    }
  }

  private static JsonNode form(String id) throws IOException {
    try (InputStream in = resource("forms/" + id + ".form")) {
      return JSON.readTree(in);
    }
  }

  /** All components of a form, depth first, including those inside groups and dynamic lists. */
  private static List<JsonNode> components(JsonNode container) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode component : container.path("components")) {
      all.add(component);
      all.addAll(components(component));
    }
    return all;
  }

  private static JsonNode field(String formId, String key) throws IOException {
    List<JsonNode> matches = components(form(formId)).stream()
        .filter(c -> key.equals(c.path("key").asText(null)))
        .toList();
    assertThat(matches).as("fields with key %s in %s", key, formId).hasSize(1);
    return matches.get(0);
  }

  /** value to label, in form order; duplicates fail. */
  private static Map<String, String> options(JsonNode field) {
    Map<String, String> options = new LinkedHashMap<>();
    for (JsonNode option : field.path("values")) {
      String value = option.path("value").asText();
      assertThat(options.put(value, option.path("label").asText()))
          .as("option %s of %s appears once", value, field.path("key").asText())
          .isNull();
    }
    return options;
  }

  /** code to label of the seed rows as the product loads them; compared as maps, so the order in the form may differ. */
  private static <T> Map<String, String> seed(List<T> rows, Function<T, String> code, Function<T, String> label) {
    Map<String, String> codes = new LinkedHashMap<>();
    rows.forEach(row -> codes.put(code.apply(row), label.apply(row)));
    assertThat(codes).as("seed rows").isNotEmpty();
    return codes;
  }

  private static Set<String> declaredProcessVariables() throws IllegalAccessException {
    Set<String> names = new HashSet<>();
    for (Field constant : declaredVariableConstants()) {
      int modifiers = constant.getModifiers();
      if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
          && constant.getType() == String.class) {
        names.add((String) constant.get(null));
      }
    }
    return names;
  }

  /** The request process's variables, and the report process's (its own constants class). */
  private static List<Field> declaredVariableConstants() {
    List<Field> constants = new ArrayList<>(List.of(ProcessVariables.class.getDeclaredFields()));
    constants.addAll(List.of(org.unodc.uponrequest.reporting.ReportVariables.class.getDeclaredFields()));
    return constants;
  }

  private static InputStream resource(String path) {
    InputStream in = FormOptionsMatchSeedsTest.class.getClassLoader().getResourceAsStream(path);
    assertThat(Optional.ofNullable(in)).as("%s on the classpath", path).isPresent();
    return in;
  }
}
