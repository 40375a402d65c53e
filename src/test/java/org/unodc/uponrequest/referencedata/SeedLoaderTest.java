package org.unodc.uponrequest.referencedata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The real seeds load and are consistent; each kind of malformed data is rejected with file, line
 * and field. Malformed cases copy the real files into a temporary folder and change one line, so
 * the fixtures cannot drift away from the real data.
 */
class SeedLoaderTest {

  @TempDir Path dir;

  @BeforeEach
  void copyRealSeeds() throws IOException {
    for (String file : SeedLoader.HEADERS.keySet()) {
      try (InputStream in = getClass().getClassLoader().getResourceAsStream("seeds/" + file)) {
        assertThat(in).as("seeds/%s on the classpath", file).isNotNull();
        Files.copy(in, dir.resolve(file));
      }
    }
  }

  // --- the real seeds ----------------------------------------------------------------------------

  @Test
  void realSeedsLoadWithAllMemberStatesAndOffices() {
    ReferenceData data = SeedLoader.fromClasspath();

    assertThat(data.memberStates()).hasSize(193);
    assertThat(data.offices()).extracting(Office::code).containsExactlyInAnyOrder(
        "HQVIE", "ROEA", "CPP", "ROSAF", "ROSEN", "ROMENA", "ROCA", "ROSA", "COAFG", "COPAK", "COIRN",
        "CONIG", "COCOL", "COPER", "COBOL", "ROSEAP", "LPOMEX", "ROPAN", "LPOBRA");
    assertThat(data.memberState("KEN")).hasValueSatisfying(kenya -> {
      assertThat(kenya.name()).isEqualTo("Kenya");
      assertThat(kenya.m49()).isEqualTo("404");
      assertThat(kenya.name("fr")).isEqualTo("Kenya (le)");
      assertThat(kenya.subregion()).isEqualTo("Sub-Saharan Africa");
      assertThat(kenya.intermediateRegion()).isEqualTo("Eastern Africa");
    });
    assertThat(data.memberState("AFG")).hasValueSatisfying(afghanistan -> {
      assertThat(afghanistan.leastDeveloped()).isTrue();
      assertThat(afghanistan.landlockedDeveloping()).isTrue();
      assertThat(afghanistan.emergingFromConflict()).isTrue();
      assertThat(afghanistan.intermediateRegion()).isNull();
    });
    assertThat(data.memberState("UZB")).hasValueSatisfying(s -> assertThat(s.economyInTransition()).isTrue());
    assertThat(data.memberState("PSE")).isEmpty();
  }

  @Test
  void everyMemberStateHasExactlyOneGeographicOfficeAndPiracyStatesHaveTheProgramme() {
    ReferenceData data = SeedLoader.fromClasspath();

    assertThat(data.officeCovering("KEN")).map(Office::code).hasValue("ROEA");
    assertThat(data.officeCovering("COL")).map(Office::code).hasValue("COCOL");
    assertThat(data.officeCovering("SOM")).map(Office::code).hasValue("ROEA");
    assertThat(data.officeCovering("ECU")).map(Office::code).hasValue("COPER");
    assertThat(data.officeCovering("VEN")).map(Office::code).hasValue("HQVIE");
    assertThat(data.officeCovering("MWI")).map(Office::code).hasValue("ROSAF");
    assertThat(data.office("CPP")).hasValueSatisfying(cpp -> {
      assertThat(cpp.kind()).isEqualTo(OfficeKind.PROGRAMME);
      assertThat(cpp.candidateGroup()).isEqualTo("office-CPP");
      assertThat(cpp.coveredStates()).containsExactlyInAnyOrder(
          "SOM", "DJI", "ERI", "ETH", "KEN", "SYC", "MUS", "TZA", "MDV", "YEM");
    });
    assertThat(data.programmesCovering("SOM")).extracting(Office::code).containsExactly("CPP");
    assertThat(data.programmesCovering("COL")).isEmpty();
    for (MemberState state : data.memberStates()) {
      long geographic = data.offices().stream()
          .filter(o -> o.kind() != OfficeKind.PROGRAMME && o.covers(state.iso3()))
          .count();
      assertThat(geographic).as("offices covering %s", state.iso3()).isEqualTo(1);
    }
  }

  @Test
  void ratificationMatrixIsCompleteAndHasTheDemoGaps() {
    ReferenceData data = SeedLoader.fromClasspath();

    assertThat(data.ratifications()).hasSize(data.memberStates().size() * data.instruments().size());
    for (MemberState state : data.memberStates()) {
      for (Instrument instrument : data.instruments()) {
        assertThat(data.ratification(state.iso3(), instrument.code())).isPresent();
      }
    }
    assertThat(data.ratificationGaps("KEN", data.thematicArea("TERRORISM").orElseThrow().instruments()))
        .isNotEmpty();
    assertThat(List.of("UNTOC", "UNTOC_TIP", "UNTOC_SOM", "UNTOC_FIREARMS"))
        .allSatisfy(code -> assertThat(data.ratificationStatus("COL", code)).isEqualTo(RatificationStatus.PARTY));
    assertThat(data.ratifications()).allSatisfy(r -> assertThat(r.source()).startsWith("ILLUSTRATIVE"));
    assertThatThrownBy(() -> data.ratificationStatus("KEN", "NO_SUCH"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thematicAreasSectionsGroupsAndUsersAreConsistent() {
    ReferenceData data = SeedLoader.fromClasspath();

    assertThat(data.thematicAreas()).extracting(ThematicArea::code).contains(
        "CORRUPTION", "ORGANIZED_CRIME", "MONEY_LAUNDERING", "TERRORISM", "KIDNAPPING", "TRAFFICKING_IN_PERSONS",
        "SMUGGLING_OF_MIGRANTS", "FIREARMS", "PIRACY", "CYBERCRIME", "DRUG_TRAFFICKING",
        "INTERNATIONAL_COOPERATION", "VIOLENCE_AGAINST_WOMEN", "CRIMINAL_JUSTICE_REFORM",
        "ECONOMIC_FRAUD_IDENTITY_CRIME", "FOREST_WILDLIFE_CRIME");
    assertThat(data.thematicArea("TERRORISM")).map(ThematicArea::specialistSection).hasValue("TPB");
    assertThat(data.thematicArea("SMUGGLING_OF_MIGRANTS")).map(ThematicArea::specialistSection).hasValue("HTMSS");
    assertThat(data.thematicArea("CORRUPTION")).hasValueSatisfying(a -> assertThat(a.hasSpecialistSection()).isFalse());
    assertThat(data.thematicArea("TRAFFICKING_IN_PERSONS")).map(ThematicArea::instruments)
        .hasValue(Set.of("UNTOC", "UNTOC_TIP"));
    assertThat(data.specialistSection("TPB")).map(SpecialistSection::consultedBodies)
        .hasValueSatisfying(bodies -> assertThat(bodies).contains("CTED"));
    assertThat(data.specialistSections()).extracting(SpecialistSection::candidateGroup).containsExactly(
        "specialist-tpb", "specialist-gpml", "specialist-cpp", "specialist-htmss", "specialist-gfp");
    assertThat(data.fundingSource("EARMARKED")).map(FundingSource::requiresDonor).hasValue(true);
    assertThat(data.fundingSources()).extracting(FundingSource::code)
        .containsExactly("REGULAR_BUDGET", "GENERAL_PURPOSE", "EARMARKED", "CPCJ_FUND");
    assertThat(data.instrument("UNTOC_FIREARMS")).map(Instrument::treatyReference).hasValue("XVIII-12-c");

    Set<String> groupIds = data.groups().stream().map(Group::id).collect(Collectors.toSet());
    assertThat(groupIds).contains("camunda-admin", "hq-intake", "strategic-planning", "managers");
    assertThat(data.memberStates()).allSatisfy(s -> assertThat(groupIds).contains("focal-" + s.iso3()));
    assertThat(data.offices()).allSatisfy(o -> assertThat(groupIds).contains(o.candidateGroup()));
    assertThat(data.group("camunda-admin")).map(Group::type).hasValue(Group.TYPE_SYSTEM);
    assertThat(data.group("focal-KEN")).map(Group::name).hasValue("Focal points of Kenya");
    assertThat(data.demoUsers()).extracting(DemoUser::id).contains("admin", "ken.focal", "col.focal",
        "office.nairobi", "specialist.piracy");
    assertThat(data.demoUsers()).filteredOn(u -> u.id().equals("office.nairobi")).singleElement()
        .satisfies(u -> assertThat(u.groups()).containsExactly("office-ROEA", "office-CPP"));
  }

  @Test
  void copiedSeedsLoadFromAFileLocation() {
    assertThat(loadCopy().memberStates()).hasSize(193);
  }

  // --- malformed data ----------------------------------------------------------------------------

  @Test
  void badBoolean() throws IOException {
    int line = setField("member-states.csv", "KEN", "ldc", "yes");

    assertFailure("member-states.csv", line, "ldc", "expected true or false but was 'yes'");
  }

  @Test
  void badIso3() throws IOException {
    int line = setField("member-states.csv", "KEN", "iso3", "Ke");

    assertFailure("member-states.csv", line, "iso3", "expected an ISO 3166-1 alpha-3 code");
  }

  @Test
  void badInteger() throws IOException {
    int line = setField("thematic-areas.csv", "CORRUPTION", "strategy_weight", "9");

    assertFailure("thematic-areas.csv", line, "strategy_weight", "from 1 to 5 but was '9'");
  }

  @Test
  void tooFewColumns() throws IOException {
    int line = lineStartingWith("offices.csv", "ROEA,");
    replaceLine("offices.csv", line, "ROEA,Regional Office for Eastern Africa,Nairobi,REGIONAL");

    assertFailure("offices.csv", line, "covered_states", "expected 5 fields");
  }

  @Test
  void tooManyColumns() throws IOException {
    int line = lineStartingWith("funding-sources.csv", "CPCJ_FUND,");
    replaceLine("funding-sources.csv", line, "CPCJ_FUND,United Nations Crime Prevention, and Criminal Justice Fund,false");

    assertThatThrownBy(this::loadCopy)
        .isInstanceOf(SeedDataException.class)
        .hasMessageStartingWith("seeds/funding-sources.csv line " + line + ": expected 3 fields")
        .hasMessageContaining("found 4");
  }

  @Test
  void unknownStateInOffice() throws IOException {
    int line = lineStartingWith("offices.csv", "ROEA,");
    replaceLine("offices.csv", line, lines("offices.csv").get(line - 1) + " XYZ");

    assertFailure("offices.csv", line, "covered_states", "unknown member state 'XYZ'");
  }

  @Test
  void stateCoveredByTwoOffices() throws IOException {
    int line = lineStartingWith("offices.csv", "ROSAF,");
    replaceLine("offices.csv", line, lines("offices.csv").get(line - 1) + " KEN");

    assertFailure("offices.csv", line, "covered_states", "'KEN' is already covered by office ROEA");
  }

  @Test
  void stateNotCoveredByAnyOffice() throws IOException {
    int officeLine = lineStartingWith("offices.csv", "ROEA,");
    replaceLine("offices.csv", officeLine, lines("offices.csv").get(officeLine - 1).replace(" KEN ", " "));
    int stateLine = lineStartingWith("member-states.csv", "KEN,");

    // KEN is still in CPP, but a programme does not count as the state's office
    assertFailure("member-states.csv", stateLine, "iso3", "'KEN' is not covered by any non-programme office");
  }

  @Test
  void duplicateCode() throws IOException {
    int first = lineStartingWith("thematic-areas.csv", "CORRUPTION,");
    int line = appendLine("thematic-areas.csv", "CORRUPTION,Corruption again,6,5,,UNCAC");

    assertFailure("thematic-areas.csv", line, "code", "duplicate code 'CORRUPTION' (first defined on line " + first);
  }

  @Test
  void missingHeaderColumn() throws IOException {
    int line = lineStartingWith("member-states.csv", "iso3,");
    replaceLine("member-states.csv", line, lines("member-states.csv").get(line - 1).replace(",sids,", ","));

    assertFailure("member-states.csv", line, "sids", "column missing from header");
  }

  @Test
  void unknownInstrumentInThematicArea() throws IOException {
    int line = setField("thematic-areas.csv", "CORRUPTION", "instruments", "UNCAC MERIDA");

    assertFailure("thematic-areas.csv", line, "instruments", "unknown instrument 'MERIDA'");
  }

  @Test
  void unknownSpecialistSection() throws IOException {
    int line = setField("thematic-areas.csv", "CORRUPTION", "specialist_section", "CEB");

    assertFailure("thematic-areas.csv", line, "specialist_section", "unknown specialist section 'CEB'");
  }

  @Test
  void ratificationPairMissing() throws IOException {
    int line = lineStartingWith("ratifications.csv", "KEN,UNTOC,");
    deleteLine("ratifications.csv", line);

    // the next KEN row moves up to the deleted line, which is where the state's rows now start
    assertFailure("ratifications.csv", line, "instrument", "no row for instrument 'UNTOC' of state 'KEN'");
  }

  @Test
  void badRatificationStatus() throws IOException {
    int line = lineStartingWith("ratifications.csv", "COL,UNCAC,");
    replaceLine("ratifications.csv", line, lines("ratifications.csv").get(line - 1).replace(",PARTY,", ",RATIFIED,"));

    assertFailure("ratifications.csv", line, "status", "expected one of [PARTY, SIGNATORY, NOT_PARTY] but was 'RATIFIED'");
  }

  @Test
  void unknownGroupInDemoUser() throws IOException {
    int line = setField("demo-users.csv", "ken.focal", "groups", "focal-KEN focal-XYZ");

    assertFailure("demo-users.csv", line, "groups", "unknown group 'focal-XYZ'");
  }

  @Test
  void missingFocalPointGroup() throws IOException {
    deleteLine("groups.csv", lineStartingWith("groups.csv", "focal-COL,"));
    int stateLine = lineStartingWith("member-states.csv", "COL,");

    assertFailure("member-states.csv", stateLine, "iso3", "needs group 'focal-COL'");
  }

  @Test
  void unclosedQuoteAtTheEndOfTheFile() throws IOException {
    int line = lineStartingWith("assistance-types.csv", "EQUIPMENT,");
    replaceLine("assistance-types.csv", line, "EQUIPMENT,Equipment,\"Provision of equipment");

    assertFailure("assistance-types.csv", line, "description", "not valid CSV: Missing closing quote");
  }

  @Test
  void unclosedQuoteInTheMiddleOfTheFileNamesTheLineWhereTheQuoteOpened() throws IOException {
    // the next row's opening quote closes this value, and the CSV reader stumbles only there
    int line = lineStartingWith("assistance-types.csv", "CAPACITY_BUILDING,");
    replaceLine("assistance-types.csv", line, "CAPACITY_BUILDING,\"Capacity building and training,Training of officials.");

    assertFailure("assistance-types.csv", line, "label", "not valid CSV: ");
  }

  @Test
  void linesArePhysicalLinesCountingLineBreaksInsideQuotedValues() throws IOException {
    int quoted = lineStartingWith("assistance-types.csv", "CAPACITY_BUILDING,");
    replaceLine("assistance-types.csv", quoted,
        "CAPACITY_BUILDING,Capacity building and training,\"Training of police and prosecutors,\nand of judges.\"");
    int line = lineStartingWith("assistance-types.csv", "ADVISORY_SERVICES,");
    assertThat(line).isEqualTo(quoted + 2);
    replaceLine("assistance-types.csv", line, "ADVISORY_SERVICES,Advisory services");

    assertFailure("assistance-types.csv", line, "description", "expected 3 fields");
  }

  @Test
  void textAfterAClosingQuote() throws IOException {
    int line = lineStartingWith("offices.csv", "ROEA,");
    replaceLine("offices.csv", line, lines("offices.csv").get(line - 1).replace(",Nairobi,", ",\"Nairobi\" (Gigiri),"));

    assertFailure("offices.csv", line, "city", "not valid CSV: ");
  }

  @Test
  void missingFile() throws IOException {
    Files.delete(dir.resolve("instruments.csv"));

    assertThatThrownBy(this::loadCopy)
        .isInstanceOf(SeedDataException.class)
        .hasMessageStartingWith("seeds/instruments.csv: not found");
  }

  // --- the CSV reader ----------------------------------------------------------------------------

  @Nested
  class Csv {

    @Test
    void readsQuotesCommentsBlankLinesAndLineNumbers() {
      String text = "\uFEFF# comment, with a comma\r\n"
          + "a,b,c\r\n"
          + "\r\n"
          + "1,\"two, with comma\",\"say \"\"hi\"\"\"\r\n"
          + "   \n"
          + "# another comment\n"
          + "2,\"multi\nline\",\n"
          + ",,\n"
          + "3,,last";

      SeedCsv.Table table = SeedCsv.parse("seeds/test.csv", text);

      assertThat(table.header()).isEqualTo(new SeedCsv.Record(2, List.of("a", "b", "c")));
      assertThat(table.rows()).containsExactly(
          new SeedCsv.Record(4, List.of("1", "two, with comma", "say \"hi\"")),
          new SeedCsv.Record(7, List.of("2", "multi\nline", "")),
          new SeedCsv.Record(9, List.of("", "", "")),
          new SeedCsv.Record(10, List.of("3", "", "last")));
    }

    @Test
    void namesLineAndColumnOfAQuotedValueThatIsNotClosed() {
      assertThatThrownBy(() -> SeedCsv.parse("seeds/test.csv", "a,b,c\n1,2,3\n# comment\n4,\"five\n6,7,8\n"))
          .isInstanceOfSatisfying(SeedDataException.class, e -> {
            assertThat(e.getMessage()).startsWith("seeds/test.csv line 4, field 'b': not valid CSV: Missing closing quote");
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.field()).isEqualTo("b");
          });
    }

    @Test
    void keepsAQuoteInsideAValueThatDoesNotStartWithOneAsWritten() {
      // lenient like most CSV readers; a value that starts with a quote must be quoted properly
      assertThat(SeedCsv.parse("seeds/test.csv", "a,b\nx,y\"z\n").rows())
          .containsExactly(new SeedCsv.Record(2, List.of("x", "y\"z")));
    }

    @Test
    void rejectsTextAfterAClosingQuoteInTheHeader() {
      assertThatThrownBy(() -> SeedCsv.parse("seeds/test.csv", "# comment\n\"a\"x,b\n1,2\n"))
          .isInstanceOf(SeedDataException.class)
          .hasMessageStartingWith("seeds/test.csv line 2: not valid CSV: ");
    }

    @Test
    void rejectsAnEmptyFile() {
      assertThatThrownBy(() -> SeedCsv.parse("seeds/test.csv", "# only a comment\n\n"))
          .isInstanceOf(SeedDataException.class)
          .hasMessage("seeds/test.csv: file has no header row");
    }
  }

  // --- helpers -----------------------------------------------------------------------------------

  private ReferenceData loadCopy() {
    return new SeedLoader(new DefaultResourceLoader(), dir.toUri().toString()).load();
  }

  private void assertFailure(String file, int line, String field, String problem) {
    assertThatThrownBy(this::loadCopy)
        .isInstanceOfSatisfying(SeedDataException.class, e -> {
          assertThat(e.getMessage())
              .startsWith("seeds/" + file + " line " + line + ", field '" + field + "': ")
              .contains(problem);
          assertThat(e.file()).isEqualTo("seeds/" + file);
          assertThat(e.line()).isEqualTo(line);
          assertThat(e.field()).isEqualTo(field);
        });
  }

  private List<String> lines(String file) throws IOException {
    return new ArrayList<>(Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8));
  }

  private void write(String file, List<String> lines) throws IOException {
    Files.write(dir.resolve(file), lines, StandardCharsets.UTF_8);
  }

  /** 1-based number of the first line starting with {@code prefix}. */
  private int lineStartingWith(String file, String prefix) throws IOException {
    List<String> lines = lines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line starting with '" + prefix + "' in " + file);
  }

  private void replaceLine(String file, int line, String replacement) throws IOException {
    List<String> lines = lines(file);
    lines.set(line - 1, replacement);
    write(file, lines);
  }

  private void deleteLine(String file, int line) throws IOException {
    List<String> lines = lines(file);
    lines.remove(line - 1);
    write(file, lines);
  }

  private int appendLine(String file, String text) throws IOException {
    List<String> lines = lines(file);
    lines.add(text);
    write(file, lines);
    return lines.size();
  }

  /** Sets one field of the row whose key column is {@code key}; only for rows without quoted fields. */
  private int setField(String file, String key, String field, String value) throws IOException {
    int line = lineStartingWith(file, key + ",");
    String text = lines(file).get(line - 1);
    assertThat(text).as("row to edit must not be quoted").doesNotContain("\"");
    List<String> header = SeedLoader.HEADERS.get(file);
    String[] values = text.split(",", -1);
    assertThat(values).hasSize(header.size());
    values[header.indexOf(field)] = value;
    replaceLine(file, line, String.join(",", Arrays.asList(values)));
    return line;
  }
}
