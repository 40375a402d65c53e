package org.unodc.uponrequest.referencedata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The UN Treaty Collection status-list importer, on an excerpt typed from a published status list
 * (src/test/resources/treaty-status/hostages-xviii-5-excerpt.txt) and on constructed rows that
 * exercise the name mapping and the problem report (names-constructed.csv, invented dates).
 */
class TreatyStatusImportTest {

  private static final ReferenceData SEEDS = SeedLoader.fromClasspath();
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 15);

  @TempDir Path dir;

  private final TreatyStatusImport importer = new TreatyStatusImport(SEEDS);

  @Test
  void readsAPublishedStatusListIntoOneRowPerMemberState() throws IOException {
    TreatyStatusImport.Result result = importer.read("HOSTAGES", AS_OF, "UNTC XVIII-5 (test)", resource("hostages-xviii-5-excerpt.txt"));

    assertThat(result.rows()).hasSize(193).allSatisfy(r -> {
      assertThat(r.instrument()).isEqualTo("HOSTAGES");
      assertThat(r.asOf()).isEqualTo(AS_OF);
      assertThat(r.source()).isEqualTo("UNTC XVIII-5 (test)");
    });
    assertThat(result.problems()).isEmpty();
    assertThat(row(result, "AFG")).isEqualTo(new Ratification("AFG", "HOSTAGES", RatificationStatus.PARTY,
        LocalDate.of(2003, 9, 24), ConsentAction.ACCESSION, AS_OF, "UNTC XVIII-5 (test)"));
    assertThat(row(result, "ATG").date()).isEqualTo(LocalDate.of(1986, 8, 6));
    assertThat(result.count(RatificationStatus.PARTY)).isEqualTo(5);
    // everyone else is absent from the excerpt, so NOT_PARTY, and said so in the report
    assertThat(result.notListed()).hasSize(188).contains("KEN", "ZWE").doesNotContain("AFG");
    assertThat(row(result, "KEN").status()).isEqualTo(RatificationStatus.NOT_PARTY);
    assertThat(row(result, "KEN").date()).isNull();
    assertThat(result.report()).startsWith("HOSTAGES: 193 member states: 5 PARTY, 0 SIGNATORY, 188 NOT_PARTY, 0 CONSENTED")
        .contains("Not in the list, recorded as NOT_PARTY (188)");
  }

  @Test
  void mapsTheTreatyCollectionsNamesAndReportsWhatItCannotMap() throws IOException {
    TreatyStatusImport.Result result = importer.read("CYBERCRIME", AS_OF, "constructed", resource("names-constructed.csv"));

    assertThat(row(result, "BOL").status()).isEqualTo(RatificationStatus.SIGNATORY);
    assertThat(row(result, "BOL").date()).isEqualTo(LocalDate.of(2025, 10, 25));
    assertThat(row(result, "BOL").action()).isEqualTo(ConsentAction.SIGNATURE);
    for (String iso3 : List.of("TUR", "CIV", "NLD", "GBR", "CZE")) {
      assertThat(row(result, iso3).status()).as(iso3).isEqualTo(RatificationStatus.SIGNATORY);
    }
    // listed without a date: not a party, but not missing from the list either
    assertThat(row(result, "PRK").status()).isEqualTo(RatificationStatus.NOT_PARTY);
    assertThat(result.notListed()).doesNotContain("PRK", "VNM");
    // ratified, but the Convention against Cybercrime is not in force: consented, not yet a party
    assertThat(row(result, "VNM")).satisfies(r -> {
      assertThat(r.status()).isEqualTo(RatificationStatus.CONSENTED);
      assertThat(r.action()).isEqualTo(ConsentAction.RATIFICATION);
      assertThat(r.date()).isEqualTo(LocalDate.of(2026, 3, 3));
    });

    assertThat(result.problems()).extracting(TreatyStatusImport.Problem::participant).containsExactly(
        "Holy See", "State of Palestine", "Republic of Narnia", "Viet Nam", "Kenya");
    assertThat(result.problems()).filteredOn(TreatyStatusImport.Problem::nonMember)
        .extracting(TreatyStatusImport.Problem::line).containsExactly(12, 13);
    assertThat(result.unmapped()).extracting(TreatyStatusImport.Problem::reason).containsExactly(
        "no member state of seeds/member-states.csv has this name",
        "VNM is already listed on line 9",
        "'32 Oct 2025' is not a date");
    assertThat(row(result, "KEN").status()).isEqualTo(RatificationStatus.NOT_PARTY);
    assertThat(result.report())
        .contains("Skipped, not UN member states (2):\n  line 12: Holy See\n  line 13: State of Palestine\n")
        .contains("NOT MAPPED (3)")
        .contains("  line 14: 'Republic of Narnia': no member state");
  }

  @Test
  void namesMatchWhateverTheCaseAccentsApostrophesFootnotesOrArticle() {
    assertThat(importer.iso3Of("Türkiye")).hasValue("TUR");
    assertThat(importer.iso3Of("Turkiye")).hasValue("TUR");
    assertThat(importer.iso3Of("Turkey")).hasValue("TUR");
    assertThat(importer.iso3Of("Côte d\u2019Ivoire")).hasValue("CIV");
    assertThat(importer.iso3Of("COTE D'IVOIRE")).hasValue("CIV");
    assertThat(importer.iso3Of("Bolivia (Plurinational State of)")).hasValue("BOL");
    assertThat(importer.iso3Of("Bolivia")).hasValue("BOL");
    assertThat(importer.iso3Of("Democratic People's Republic of Korea")).hasValue("PRK");
    assertThat(importer.iso3Of("Republic of Korea")).hasValue("KOR");
    assertThat(importer.iso3Of("Iran (Islamic Republic of)")).hasValue("IRN");
    assertThat(importer.iso3Of("Netherlands (Kingdom of the)")).hasValue("NLD");
    assertThat(importer.iso3Of("Micronesia (Federated States of)")).hasValue("FSM");
    assertThat(importer.iso3Of("United Republic of Tanzania")).hasValue("TZA");
    assertThat(importer.iso3Of("Congo")).hasValue("COG");
    assertThat(importer.iso3Of("Democratic Republic of the Congo")).hasValue("COD");
    assertThat(importer.iso3Of("Guinea")).hasValue("GIN");
    assertThat(importer.iso3Of("Guinea-Bissau")).hasValue("GNB");
    assertThat(importer.iso3Of("China 5")).hasValue("CHN");
    assertThat(importer.iso3Of("Denmark 2, 3")).hasValue("DNK");
    assertThat(importer.iso3Of("Swaziland")).hasValue("SWZ");
    assertThat(importer.iso3Of("the Gambia")).hasValue("GMB");
    assertThat(importer.iso3Of("Korea")).isEmpty();
    assertThat(importer.iso3Of("Niue")).isEmpty();
  }

  @Test
  void everyMemberStatesOwnNameMapsToItself() {
    for (MemberState state : SEEDS.memberStates()) {
      assertThat(importer.iso3Of(state.name())).as(state.name()).hasValue(state.iso3());
    }
  }

  @Test
  void rowsReplaceTheInstrumentsRowsInRatificationsCsvAndTheLoaderAcceptsThem() throws IOException {
    for (String file : SeedLoader.HEADERS.keySet()) {
      try (InputStream in = getClass().getClassLoader().getResourceAsStream("seeds/" + file)) {
        Files.copy(in, dir.resolve(file));
      }
    }
    Path ratifications = dir.resolve(SeedLoader.RATIFICATIONS);
    String before = Files.readString(ratifications);
    TreatyStatusImport.Result result = importer.read("HOSTAGES", LocalDate.of(2026, 11, 1),
        "UN Treaty Collection, MTDSG XVIII-5, status as of 2026-11-01", resource("hostages-xviii-5-excerpt.txt"));

    String after = TreatyStatusImport.replaceRows(before, result);
    Files.writeString(ratifications, after);

    assertThat(after.lines().count()).isEqualTo(before.lines().count());
    assertThat(after).contains("AFG,HOSTAGES,PARTY,2003-09-24,ACCESSION,2026-11-01,"
        + "\"UN Treaty Collection, MTDSG XVIII-5, status as of 2026-11-01\"\n");
    assertThat(after).contains("\nAFG,UNTOC,PARTY,,,2026-11-01,");
    ReferenceData reloaded = new SeedLoader(new DefaultResourceLoader(), dir.toUri().toString()).load();
    assertThat(reloaded.ratification("AFG", "HOSTAGES")).hasValueSatisfying(r -> {
      assertThat(r.action()).isEqualTo(ConsentAction.ACCESSION);
      assertThat(r.date()).isEqualTo(LocalDate.of(2003, 9, 24));
    });
    assertThat(reloaded.ratificationStatus("KEN", "HOSTAGES")).isEqualTo(RatificationStatus.NOT_PARTY);

    String withoutKenya = before.lines().filter(l -> !l.startsWith("KEN,HOSTAGES,"))
        .reduce("", (a, b) -> a + b + "\n");
    assertThatThrownBy(() -> TreatyStatusImport.replaceRows(withoutKenya, result))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no row for HOSTAGES of [KEN]");
  }

  @Test
  void commandLineWritesTheRowsOrRefusesWhenNamesAreNotMapped() throws IOException {
    Path input = dir.resolve("hostages.txt");
    Files.writeString(input, resource("hostages-xviii-5-excerpt.txt"));
    Path output = dir.resolve("rows.csv");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = TreatyStatusImport.run(new String[] {"--instrument", "HOSTAGES", "--as-of", "2026-11-15",
        "--input", input.toString(), "--output", output.toString()}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isZero();
    List<String> lines = Files.readAllLines(output);
    assertThat(lines).hasSize(194);
    assertThat(lines.get(0)).isEqualTo("state,instrument,status,date,action,as_of,source");
    assertThat(lines.get(1)).isEqualTo("AFG,HOSTAGES,PARTY,2003-09-24,ACCESSION,2026-11-15,"
        + "\"UN Treaty Collection, MTDSG XVIII-5, status as of 2026-11-15\"");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("5 PARTY");

    Path names = dir.resolve("names.csv");
    Files.writeString(names, resource("names-constructed.csv"));
    Path refused = dir.resolve("refused.csv");
    ByteArrayOutputStream err2 = new ByteArrayOutputStream();
    int status2 = TreatyStatusImport.run(new String[] {"--instrument", "CYBERCRIME", "--as-of", "2026-11-15",
        "--input", names.toString(), "--output", refused.toString()}, System.out, new PrintStream(err2, true, StandardCharsets.UTF_8));

    assertThat(status2).isEqualTo(2);
    assertThat(refused).doesNotExist();
    assertThat(err2.toString(StandardCharsets.UTF_8)).contains("NOT MAPPED (3)").contains("Nothing written");

    ByteArrayOutputStream err3 = new ByteArrayOutputStream();
    assertThat(TreatyStatusImport.run(new String[] {"--instrument", "HOSTAGES"}, System.out,
        new PrintStream(err3, true, StandardCharsets.UTF_8))).isEqualTo(1);
    assertThat(err3.toString(StandardCharsets.UTF_8)).contains("missing --as-of").contains("usage:");
  }

  @Test
  void unknownInstrumentIsRefused() {
    assertThatThrownBy(() -> importer.read("NO_SUCH", AS_OF, "x", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown instrument 'NO_SUCH'");
  }

  private static Ratification row(TreatyStatusImport.Result result, String iso3) {
    return result.rows().stream().filter(r -> r.state().equals(iso3)).findFirst().orElseThrow();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = TreatyStatusImportTest.class.getClassLoader().getResourceAsStream("treaty-status/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
