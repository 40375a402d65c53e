package org.unodc.uponrequest.referencedata;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Turns one instrument's status list, as the UN Treaty Collection publishes it ("Multilateral
 * Treaties Deposited with the Secretary-General", one table per treaty: participant, signature,
 * ratification / acceptance (A) / approval (AA) / accession (a) / succession (d) ...), into the rows
 * of seeds/ratifications.csv for that instrument: one row per member state, PARTY, CONSENTED (when
 * the instrument is not yet in force), SIGNATORY or NOT_PARTY, with the date, the action and the
 * as-of date of the list.
 *
 * <p>Input: the table copied from the status page, one participant per line, cells separated by
 * tabs (what a browser copies from the table) or by commas (CSV, RFC 4180 quoting). A header line
 * starting with "Participant", blank lines and lines starting with '#' are skipped. Dates are
 * written as on the page, e.g. {@code 24 Sep 2003 a}; footnote numbers after a participant's name
 * ({@code China 5}) are ignored.
 *
 * <p>Participants are mapped to ISO 3166-1 alpha-3 codes through the English short names of
 * seeds/member-states.csv (case, accents, apostrophes and a trailing "(the)" do not matter; a name
 * whose parenthetical differs, such as "Netherlands (Kingdom of the)", matches when the rest is
 * unique), plus a few former names the Treaty Collection still uses. Participants that are not UN
 * member states (the Holy See, the State of Palestine, the Cook Islands, Niue, the European Union)
 * are reported and skipped. A name that matches no member state is reported too, and then nothing
 * is written unless {@code --allow-unmapped} is given, because that state would otherwise be
 * recorded as NOT_PARTY. Member states absent from the list are NOT_PARTY.
 *
 * <p>Run it from the project folder (see seeds/README.md, "Ratifications"):
 *
 * <pre>
 * mvn -q compile exec:java -Dexec.mainClass=org.unodc.uponrequest.referencedata.TreatyStatusImport \
 *   -Dexec.args="--instrument UNTOC --as-of 2026-11-15 --input untoc-status.txt --seeds file:seeds/ --replace-in seeds/ratifications.csv"
 * </pre>
 */
public final class TreatyStatusImport {

  /** A line of the input that produced no row, and why. */
  public record Problem(int line, String participant, String reason, boolean nonMember) {}

  /**
   * What one status list gave.
   *
   * @param rows one row per member state, in seeds/member-states.csv order
   * @param problems participants not mapped to a member state, and lines that could not be read
   * @param notListed member states absent from the list, recorded as NOT_PARTY
   */
  public record Result(String instrument, List<Ratification> rows, List<Problem> problems, List<String> notListed) {

    /** Problems other than known participants that are not UN member states. */
    public List<Problem> unmapped() {
      return problems.stream().filter(p -> !p.nonMember()).toList();
    }

    public long count(RatificationStatus status) {
      return rows.stream().filter(r -> r.status() == status).count();
    }

    /** A report for people: counts, every problem with its line, and the states not listed. */
    public String report() {
      StringBuilder text = new StringBuilder();
      text.append(instrument).append(": ").append(rows.size()).append(" member states: ");
      for (RatificationStatus status : RatificationStatus.values()) {
        text.append(count(status)).append(' ').append(status).append(status.ordinal() < 3 ? ", " : "\n");
      }
      List<Problem> nonMembers = problems.stream().filter(Problem::nonMember).toList();
      if (!nonMembers.isEmpty()) {
        text.append("Skipped, not UN member states (").append(nonMembers.size()).append("):\n");
        nonMembers.forEach(p -> text.append("  line ").append(p.line()).append(": ").append(p.participant()).append('\n'));
      }
      List<Problem> unmapped = unmapped();
      if (!unmapped.isEmpty()) {
        text.append("NOT MAPPED (").append(unmapped.size()).append("): fix the input or the names, then run again:\n");
        unmapped.forEach(p -> text.append("  line ").append(p.line()).append(": '").append(p.participant())
            .append("': ").append(p.reason()).append('\n'));
      }
      if (!notListed.isEmpty()) {
        text.append("Not in the list, recorded as NOT_PARTY (").append(notListed.size()).append("): ")
            .append(String.join(" ", notListed)).append('\n');
      }
      return text.toString();
    }

    /** The rows as lines of seeds/ratifications.csv, without the header. */
    public List<String> csvLines() {
      return rows.stream().map(TreatyStatusImport::csvLine).toList();
    }
  }

  static final String HEADER = String.join(",", SeedLoader.HEADERS.get(SeedLoader.RATIFICATIONS));

  /** Names the UN Treaty Collection used or uses that differ from the UNTERM short names. */
  private static final Map<String, String> FORMER_NAMES = Map.of(
      "czech republic", "CZE",
      "turkey", "TUR",
      "swaziland", "SWZ",
      "former yugoslav republic of macedonia", "MKD",
      "cape verde", "CPV",
      "democratic kampuchea", "KHM",
      "zaire", "COD");

  /** Participants in UN treaties that are not UN member states. */
  private static final Set<String> NON_MEMBERS = Set.of(
      "holy see", "state of palestine", "cook islands", "niue", "european union", "european community");

  private static final Pattern FOOTNOTES = Pattern.compile("[\\s,]*\\d+(\\s*,\\s*\\d+)*\\s*$");
  private static final Pattern PARENTHETICAL = Pattern.compile("\\s*\\([^)]*\\)\\s*$");
  private static final Pattern DATE = Pattern.compile("(\\d{1,2})\\s+([A-Za-z]{3})\\s+(\\d{4})\\s*([A-Za-z]{1,2})?");
  private static final com.fasterxml.jackson.databind.ObjectReader CSV_LINE = new CsvMapper()
      .readerForListOf(String.class)
      .with(CsvSchema.emptySchema());
  private static final DateTimeFormatter UNTC_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  private final ReferenceData referenceData;
  private final Map<String, String> iso3ByName = new HashMap<>();
  private final Map<String, String> iso3ByNameWithoutParenthetical = new HashMap<>();

  public TreatyStatusImport(ReferenceData referenceData) {
    this.referenceData = referenceData;
    Map<String, Integer> uses = new HashMap<>();
    for (MemberState state : referenceData.memberStates()) {
      String name = normalize(state.name());
      iso3ByName.put(name, state.iso3());
      String stripped = withoutParenthetical(name);
      iso3ByNameWithoutParenthetical.put(stripped, state.iso3());
      uses.merge(stripped, 1, Integer::sum);
    }
    uses.forEach((name, count) -> {
      if (count > 1) {
        iso3ByNameWithoutParenthetical.remove(name);
      }
    });
    FORMER_NAMES.forEach(iso3ByName::putIfAbsent);
  }

  /** The member state a participant name denotes, if any. */
  public Optional<String> iso3Of(String participant) {
    String name = normalize(withoutFootnotes(participant));
    String iso3 = iso3ByName.get(name);
    if (iso3 == null) {
      iso3 = iso3ByNameWithoutParenthetical.get(withoutParenthetical(name));
    }
    return Optional.ofNullable(iso3);
  }

  /**
   * Reads one status list.
   *
   * @param instrumentCode a code of seeds/instruments.csv
   * @param asOf the date the status list was taken
   * @param source what to write in the rows' source column
   * @throws IllegalArgumentException for an unknown instrument
   */
  public Result read(String instrumentCode, LocalDate asOf, String source, String text) {
    Instrument instrument = referenceData.instrument(instrumentCode)
        .orElseThrow(() -> new IllegalArgumentException("unknown instrument '" + instrumentCode
            + "' (not in seeds/instruments.csv)"));
    Map<String, Ratification> byState = new HashMap<>();
    Map<String, Integer> lineOfState = new HashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (Map.Entry<Integer, List<String>> entry : cells(text).entrySet()) {
      int line = entry.getKey();
      List<String> cells = entry.getValue();
      String participant = withoutFootnotes(cells.get(0).trim());
      if (participant.isEmpty() || participant.toLowerCase(Locale.ROOT).startsWith("participant")) {
        continue;
      }
      if (cells.size() > 3) {
        problems.add(new Problem(line, participant, "expected 3 cells (participant, signature, ratification"
            + " or accession...) but found " + cells.size(), false));
        continue;
      }
      if (NON_MEMBERS.contains(normalize(participant))) {
        problems.add(new Problem(line, participant, "not a UN member state", true));
        continue;
      }
      Optional<String> iso3 = iso3Of(participant);
      if (iso3.isEmpty()) {
        problems.add(new Problem(line, participant, "no member state of seeds/member-states.csv has this name", false));
        continue;
      }
      Integer first = lineOfState.putIfAbsent(iso3.get(), line);
      if (first != null) {
        problems.add(new Problem(line, participant, iso3.get() + " is already listed on line " + first, false));
        continue;
      }
      try {
        byState.put(iso3.get(), row(instrument, iso3.get(), cell(cells, 1), cell(cells, 2), asOf, source));
      } catch (IllegalArgumentException e) {
        lineOfState.remove(iso3.get());
        problems.add(new Problem(line, participant, e.getMessage(), false));
      }
    }
    List<Ratification> rows = new ArrayList<>();
    List<String> notListed = new ArrayList<>();
    for (MemberState state : referenceData.memberStates()) {
      Ratification row = byState.get(state.iso3());
      if (row == null) {
        notListed.add(state.iso3());
        row = new Ratification(state.iso3(), instrument.code(), RatificationStatus.NOT_PARTY, null, null, asOf, source);
      }
      rows.add(row);
    }
    return new Result(instrument.code(), List.copyOf(rows), List.copyOf(problems), List.copyOf(notListed));
  }

  private static Ratification row(Instrument instrument, String iso3, String signature, String consent,
      LocalDate asOf, String source) {
    if (!consent.isEmpty()) {
      Matcher date = parse(consent, "ratification, accession...");
      ConsentAction action = ConsentAction.ofSuffix(date.group(4));
      RatificationStatus status = instrument.inForceOn(asOf) ? RatificationStatus.PARTY : RatificationStatus.CONSENTED;
      return new Ratification(iso3, instrument.code(), status, date(date, asOf), action, asOf, source);
    }
    if (!signature.isEmpty()) {
      Matcher date = parse(signature, "signature");
      return new Ratification(iso3, instrument.code(), RatificationStatus.SIGNATORY, date(date, asOf),
          ConsentAction.SIGNATURE, asOf, source);
    }
    return new Ratification(iso3, instrument.code(), RatificationStatus.NOT_PARTY, null, null, asOf, source);
  }

  private static Matcher parse(String cell, String column) {
    Matcher matcher = DATE.matcher(cell.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("cannot read the " + column + " date '" + cell.trim()
          + "' (expected a date as on the status page, e.g. '24 Sep 2003 a')");
    }
    return matcher;
  }

  private static LocalDate date(Matcher matcher, LocalDate asOf) {
    String text = matcher.group(1) + " " + capitalized(matcher.group(2)) + " " + matcher.group(3);
    LocalDate date;
    try {
      date = LocalDate.parse(text, UNTC_DATE);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a date");
    }
    if (date.isAfter(asOf)) {
      throw new IllegalArgumentException("date " + date + " is after the as-of date " + asOf);
    }
    return date;
  }

  private static String capitalized(String month) {
    return month.substring(0, 1).toUpperCase(Locale.ROOT) + month.substring(1).toLowerCase(Locale.ROOT);
  }

  private static String cell(List<String> cells, int index) {
    return index < cells.size() ? cells.get(index).trim() : "";
  }

  /**
   * The cells of every data line, keyed by 1-based line number: tab separated when the first data
   * line has a tab, otherwise comma separated with RFC 4180 quoting within the line.
   */
  static Map<Integer, List<String>> cells(String text) {
    String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String[] lines = content.split("\r?\n", -1);
    boolean tabs = false;
    for (String line : lines) {
      if (!line.isBlank() && !line.startsWith("#")) {
        tabs = line.contains("\t");
        break;
      }
    }
    Map<Integer, List<String>> cells = new LinkedHashMap<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (tabs) {
        cells.put(i + 1, List.of(line.split("\t", -1)));
      } else {
        try {
          cells.put(i + 1, CSV_LINE.readValue(line));
        } catch (IOException e) {
          throw new IllegalArgumentException("line " + (i + 1) + " is not valid CSV: " + e.getMessage(), e);
        }
      }
    }
    return cells;
  }

  static String normalize(String name) {
    String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    plain = plain.replaceAll("[\u2018\u2019\u00B4`]", "'").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    if (plain.endsWith(" (the)")) {
      plain = plain.substring(0, plain.length() - " (the)".length());
    }
    if (plain.startsWith("the ")) {
      plain = plain.substring("the ".length());
    }
    return plain;
  }

  private static String withoutFootnotes(String participant) {
    return FOOTNOTES.matcher(participant).replaceFirst("").trim();
  }

  private static String withoutParenthetical(String name) {
    return PARENTHETICAL.matcher(name).replaceFirst("").trim();
  }

  static String csvLine(Ratification r) {
    return String.join(",", r.state(), r.instrument(), r.status().name(),
        r.date() == null ? "" : r.date().toString(), r.action() == null ? "" : r.action().name(),
        r.asOf().toString(), quoted(r.source()));
  }

  private static String quoted(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  /**
   * Replaces the rows of {@code result}'s instrument in a ratifications.csv text, keeping every
   * other line (comments, other instruments) as it is.
   *
   * @throws IllegalArgumentException when the file does not have exactly one row per member state
   *     for the instrument
   */
  static String replaceRows(String fileText, Result result) {
    Map<String, String> byState = new LinkedHashMap<>();
    for (Ratification row : result.rows()) {
      byState.put(row.state(), csvLine(row));
    }
    StringBuilder out = new StringBuilder();
    Set<String> replaced = new java.util.HashSet<>();
    String[] lines = fileText.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String[] key = line.split(",", 3);
      if (!line.startsWith("#") && key.length == 3 && key[1].equals(result.instrument())) {
        String replacement = byState.get(key[0]);
        if (replacement == null || !replaced.add(key[0])) {
          throw new IllegalArgumentException("line " + (i + 1) + ": unexpected row for " + key[0] + " and "
              + result.instrument());
        }
        line = replacement;
      }
      out.append(line);
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    if (replaced.size() != byState.size()) {
      List<String> missing = byState.keySet().stream().filter(s -> !replaced.contains(s)).toList();
      throw new IllegalArgumentException("no row for " + result.instrument() + " of " + missing
          + "; the file must have one row per member state and instrument");
    }
    return out.toString();
  }

  // --- command line ------------------------------------------------------------------------------

  /**
   * {@code --instrument CODE --as-of YYYY-MM-DD --input FILE [--source TEXT] [--seeds LOCATION]
   * [--output FILE | --replace-in RATIFICATIONS_CSV] [--allow-unmapped]}. Prints the report on
   * standard error. Exit status 0 when written, 2 when participants could not be mapped (nothing
   * written), 1 for wrong arguments or unreadable files.
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--allow-unmapped")) {
        options.put(arg, "true");
      } else if (arg.startsWith("--") && i + 1 < args.length) {
        options.put(arg, args[++i]);
      } else {
        err.println("unexpected argument '" + arg + "'");
        return usage(err);
      }
    }
    for (String required : List.of("--instrument", "--as-of", "--input")) {
      if (!options.containsKey(required)) {
        err.println("missing " + required);
        return usage(err);
      }
    }
    try {
      ReferenceData data = new SeedLoader(new DefaultResourceLoader(),
          options.getOrDefault("--seeds", SeedLoader.DEFAULT_LOCATION)).load();
      LocalDate asOf = LocalDate.parse(options.get("--as-of"));
      String code = options.get("--instrument");
      Instrument instrument = data.instrument(code)
          .orElseThrow(() -> new IllegalArgumentException("unknown instrument '" + code + "'"));
      String source = options.getOrDefault("--source", defaultSource(instrument, asOf));
      String input = Files.readString(Path.of(options.get("--input")), StandardCharsets.UTF_8);
      Result result = new TreatyStatusImport(data).read(code, asOf, source, input);
      err.print(result.report());
      if (!result.unmapped().isEmpty() && !options.containsKey("--allow-unmapped")) {
        err.println("Nothing written: " + result.unmapped().size() + " participant(s) not mapped"
            + " (--allow-unmapped writes anyway, recording those states as NOT_PARTY).");
        return 2;
      }
      if (options.containsKey("--replace-in")) {
        Path file = Path.of(options.get("--replace-in"));
        Files.writeString(file, replaceRows(Files.readString(file, StandardCharsets.UTF_8), result), StandardCharsets.UTF_8);
        err.println("Replaced the " + code + " rows of " + file + ".");
      } else {
        String csv = HEADER + "\n" + String.join("\n", result.csvLines()) + "\n";
        if (options.containsKey("--output")) {
          Files.writeString(Path.of(options.get("--output")), csv, StandardCharsets.UTF_8);
        } else {
          out.print(csv);
        }
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  private static String defaultSource(Instrument instrument, LocalDate asOf) {
    return instrument.treatyReference() != null
        ? "UN Treaty Collection, MTDSG " + instrument.treatyReference() + ", status as of " + asOf
        : "Status list of the depositary (" + instrument.depositary().label() + "), as of " + asOf;
  }

  private static int usage(PrintStream err) {
    err.println("usage: TreatyStatusImport --instrument CODE --as-of YYYY-MM-DD --input FILE [--source TEXT]"
        + " [--seeds LOCATION] [--output FILE | --replace-in seeds/ratifications.csv] [--allow-unmapped]");
    return 1;
  }
}
