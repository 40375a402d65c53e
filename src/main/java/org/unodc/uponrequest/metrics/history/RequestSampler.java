package org.unodc.uponrequest.metrics.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.unodc.uponrequest.intake.RequestFacts;
import org.unodc.uponrequest.metrics.history.Choices.Advice;
import org.unodc.uponrequest.referencedata.CountryGroup;
import org.unodc.uponrequest.referencedata.MemberState;
import org.unodc.uponrequest.referencedata.Office;
import org.unodc.uponrequest.referencedata.OfficeKind;
import org.unodc.uponrequest.referencedata.Para24Status;
import org.unodc.uponrequest.referencedata.ReferenceData;
import org.unodc.uponrequest.referencedata.RegionalVulnerability;
import org.unodc.uponrequest.referencedata.ThematicArea;

/**
 * Draws realistic historic requests from the seeds and the process's own decisions. Who asks:
 * developing countries, least developed countries and countries emerging from conflict more than
 * developed economies (GA 64/179 para 24), states with a UNODC office of their own more than others,
 * and each state with a steady habit of its own. What they ask about: the areas weighted by how
 * often such assistance is sought, more where the region is vulnerable to the area (para 14),
 * cybercrime growing over the years, piracy only from the states the Counter Piracy Programme
 * covers. The band and the office are what the process's decisions give; the outcomes, delays and
 * money are in plausible shares. The same seed and request number always draw the same request.
 */
final class RequestSampler {

  private static final long YEAR = 365L * 24 * 3_600_000;

  /** How often each area is asked about, before the region's vulnerability (PIRACY: see {@link #areaWeights}). */
  private static final Map<String, Double> AREA_WEIGHT = Map.ofEntries(
      Map.entry("CORRUPTION", 14d), Map.entry("ORGANIZED_CRIME", 11d), Map.entry("DRUG_TRAFFICKING", 12d),
      Map.entry("TERRORISM", 8d), Map.entry("TRAFFICKING_IN_PERSONS", 9d), Map.entry("MONEY_LAUNDERING", 8d),
      Map.entry("CRIMINAL_JUSTICE_REFORM", 10d), Map.entry("INTERNATIONAL_COOPERATION", 6d), Map.entry("CYBERCRIME", 4d),
      Map.entry("SMUGGLING_OF_MIGRANTS", 5d), Map.entry("FIREARMS", 4d), Map.entry("VIOLENCE_AGAINST_WOMEN", 5d),
      Map.entry("FOREST_WILDLIFE_CRIME", 3d), Map.entry("ECONOMIC_FRAUD_IDENTITY_CRIME", 3d),
      Map.entry("SEXUAL_EXPLOITATION_OF_CHILDREN", 2d), Map.entry("KIDNAPPING", 1d), Map.entry("URBAN_CRIME", 1.5d),
      Map.entry("PIRACY", 6d));

  /** Filings by month of the year (January first): fewer in August and December, more before budgets are set. */
  private static final double[] SEASON = {0.95, 1.05, 1.12, 1.05, 1.05, 1.0, 0.9, 0.7, 1.05, 1.15, 1.1, 0.75};
  /** Requests grow by this much a year. */
  private static final double GROWTH = 1.08;

  private static final String[] URGENCIES = {"LOW", "NORMAL", "HIGH", "CRITICAL"};
  private static final double[] URGENCY_SHARE = {0.12, 0.55, 0.25, 0.08};
  private static final String[] SOURCES = {"EARMARKED", "GENERAL_PURPOSE", "REGULAR_BUDGET", "CPCJ_FUND"};
  private static final double[] SOURCE_SHARE = {0.50, 0.18, 0.14, 0.18};

  /** Obstacles final reports name (GA 64/179 para 29), one or two each. */
  private static final String[] OBSTACLES = {
      "Turnover of trained staff in the beneficiary institutions.",
      "Delays in the legislative calendar.",
      "The security situation restricted travel outside the capital.",
      "Counterparts nominated participants late.",
      "Procurement of equipment took longer than planned.",
      "Elections changed the ministry's priorities during delivery.",
      "Interpretation and translation needs were underestimated.",
      "Baseline data were not available for the assessment.",
      "Public health restrictions moved two activities online.",
      "Coordination among national agencies was difficult.",
      "Exchange-rate losses reduced the budget available.",
      "No significant obstacles."};

  /** Titles by area; the state's name is added. */
  private static final Map<String, String[]> TITLES = Map.ofEntries(
      Map.entry("CORRUPTION", new String[] {"Training of anti-corruption investigators", "Review of the anti-corruption law against UNCAC", "Asset declaration system"}),
      Map.entry("ORGANIZED_CRIME", new String[] {"Joint investigation teams against organized crime", "Witness protection programme", "Review of the organized crime legislation"}),
      Map.entry("DRUG_TRAFFICKING", new String[] {"Port control unit", "Drug law enforcement training", "Forensic laboratory support"}),
      Map.entry("TERRORISM", new String[] {"Counter-terrorism legislative assistance", "Criminal justice response to terrorism", "Prosecutors' training on terrorism cases"}),
      Map.entry("TRAFFICKING_IN_PERSONS", new String[] {"Victim identification and referral", "National action plan against trafficking in persons", "Training of labour inspectors on trafficking"}),
      Map.entry("MONEY_LAUNDERING", new String[] {"Financial intelligence unit mentoring", "Asset recovery training", "Anti-money-laundering law review"}),
      Map.entry("CRIMINAL_JUSTICE_REFORM", new String[] {"Prison management reform", "Legal aid system", "Alternatives to imprisonment"}),
      Map.entry("INTERNATIONAL_COOPERATION", new String[] {"Central authority for mutual legal assistance", "Extradition practice training", "Regional network of prosecutors"}),
      Map.entry("CYBERCRIME", new String[] {"Digital forensics capacity", "Cybercrime legislation", "Training of cybercrime investigators"}),
      Map.entry("SMUGGLING_OF_MIGRANTS", new String[] {"Border officials' training on migrant smuggling", "Investigation of smuggling networks"}),
      Map.entry("FIREARMS", new String[] {"Firearms marking and record-keeping", "Firearms legislation review"}),
      Map.entry("VIOLENCE_AGAINST_WOMEN", new String[] {"Specialised courts for gender-based violence", "Police response to violence against women"}),
      Map.entry("FOREST_WILDLIFE_CRIME", new String[] {"Wildlife crime investigations", "Timber trafficking controls"}),
      Map.entry("ECONOMIC_FRAUD_IDENTITY_CRIME", new String[] {"Identity fraud prevention", "Economic fraud investigations"}),
      Map.entry("SEXUAL_EXPLOITATION_OF_CHILDREN", new String[] {"Child-friendly justice procedures", "Online child exploitation investigations"}),
      Map.entry("KIDNAPPING", new String[] {"Anti-kidnapping unit training"}),
      Map.entry("URBAN_CRIME", new String[] {"Urban crime prevention strategy"}),
      Map.entry("PIRACY", new String[] {"Maritime law enforcement and piracy prosecutions", "Coast guard training against piracy"}));

  private final ReferenceData data;
  private final Decisions decisions;
  private final DeadlineClock clock;
  private final long seed;
  private final long now;
  private final long start;
  private final List<MemberState> states;
  private final double[] stateCumulative;
  private final Map<String, Double> officePace = new HashMap<>();

  RequestSampler(ReferenceData data, Decisions decisions, DeadlineClock clock, long seed, long now, int years) {
    this.data = data;
    this.decisions = decisions;
    this.clock = clock;
    this.seed = seed;
    this.now = now;
    this.start = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).minusYears(years).toInstant().toEpochMilli();
    this.states = data.memberStates();
    Random habits = new Random(seed);
    double total = 0;
    stateCumulative = new double[states.size()];
    for (int i = 0; i < states.size(); i++) {
      total += stateWeight(states.get(i)) * Math.exp(0.5 * habits.nextGaussian());
      stateCumulative[i] = total;
    }
    data.offices().forEach(office -> officePace.put(office.code(), RandomTiming.officePace(office.code(), seed)));
  }

  /** GA 64/179 para 24: developing countries, the least developed and those emerging from conflict ask most. */
  private double stateWeight(MemberState state) {
    double weight = switch (state.para24Status()) {
      case DEVELOPING -> 3;
      case TRANSITION -> 2;
      case DEVELOPED -> 0.35;
    };
    LocalDate today = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate();
    if (state.inGroup(CountryGroup.LDC, today)) {
      weight *= 1.6;
    }
    if (state.inGroup(CountryGroup.LLDC, today)) {
      weight *= 1.1;
    }
    if (state.inGroup(CountryGroup.SIDS, today)) {
      weight *= 0.7;
    }
    if (state.emergingFromConflict()) {
      weight *= 1.6;
    }
    if (data.highIncome(state.iso3())) {
      weight *= 0.5;
    }
    // a country or liaison office of its own brings requests
    if (data.officeCovering(state.iso3()).map(o -> o.kind() == OfficeKind.COUNTRY || o.kind() == OfficeKind.LIAISON)
        .orElse(false)) {
      weight *= 1.8;
    }
    return weight;
  }

  /**
   * When the n requests were filed, oldest first: growing over the years, by season, on working
   * days and hours (UTC). {@code salt} makes a later batch's moments differ from an earlier one's.
   */
  long[] filingTimes(int n, long salt) {
    List<long[]> segments = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    ZonedDateTime month = Instant.ofEpochMilli(start).atZone(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate()
        .atStartOfDay(ZoneOffset.UTC);
    while (month.toInstant().toEpochMilli() < now) {
      long from = Math.max(start, month.toInstant().toEpochMilli());
      ZonedDateTime next = month.plusMonths(1);
      long to = Math.min(now, next.toInstant().toEpochMilli());
      double share = (to - from) / (double) (next.toInstant().toEpochMilli() - month.toInstant().toEpochMilli());
      segments.add(new long[] {from, to});
      weights.add(Math.pow(GROWTH, (from - start) / (double) YEAR) * SEASON[month.getMonthValue() - 1] * share);
      month = next;
    }
    double[] cumulative = new double[weights.size()];
    double total = 0;
    for (int i = 0; i < cumulative.length; i++) {
      total += weights.get(i);
      cumulative[i] = total;
    }
    Random random = new Random(seed * 7919 + salt);
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      long[] segment = segments.get(pick(cumulative, random.nextDouble() * total));
      times[i] = workingMoment(segment[0], segment[1], random);
    }
    Arrays.sort(times);
    return times;
  }

  /** A moment in [from, to): mostly a weekday between 06:00 and 18:00 UTC. */
  private static long workingMoment(long from, long to, Random random) {
    long moment = from;
    for (int attempt = 0; attempt < 10; attempt++) {
      moment = from + (long) (random.nextDouble() * (to - from));
      ZonedDateTime at = Instant.ofEpochMilli(moment).atZone(ZoneOffset.UTC);
      ZonedDateTime working = at.withHour(6 + random.nextInt(12)).withMinute(random.nextInt(60)).withSecond(random.nextInt(60));
      long candidate = working.toInstant().toEpochMilli();
      if (candidate >= from && candidate < to) {
        moment = candidate;
        at = working;
      }
      if (at.getDayOfWeek().getValue() < 6 || random.nextDouble() < 0.1) {
        break;
      }
    }
    return moment;
  }

  /** The request with this number, filed at that moment: the same for the same seed and number. */
  HistoricRequest draw(long number, String id, String reference, long filedAt) {
    // java.util.Random's first draws follow its seed closely: the seed is mixed first
    Random random = new Random(new java.util.SplittableRandom(seed * 1_000_003L + number).nextLong());
    double yearsAgo = (now - filedAt) / (double) YEAR;
    MemberState lead = states.get(pick(stateCumulative, random.nextDouble() * stateCumulative[stateCumulative.length - 1]));
    List<String> areas = areas(lead, random, (filedAt - start) / (double) YEAR);
    String primary = areas.size() > 1 && random.nextDouble() < 0.55 ? areas.get(0) : null;
    String stated = URGENCIES[pick(cumulative(URGENCY_SHARE), random.nextDouble())];
    String confirmed = random.nextDouble() < 0.92 ? stated
        : URGENCIES[Math.max(0, Math.min(3, Arrays.asList(URGENCIES).indexOf(stated) + (random.nextBoolean() ? 1 : -1)))];
    RequestFacts facts = decisions.factsOf(lead.iso3(), areas, primary, filedAt);
    String assessed = decisions.band(facts, confirmed);
    boolean overridden = random.nextDouble() < 0.07;
    String reviewed = overridden ? switch (assessed) {
      case "HIGH", "LOW" -> "MEDIUM";
      default -> random.nextBoolean() ? "HIGH" : "LOW";
    } : assessed;

    // a regional request: states the lead state's office also covers
    List<String> coRequesting = new ArrayList<>();
    List<String> answers = new ArrayList<>();
    Office covering = data.officeCovering(lead.iso3()).orElseThrow();
    if (!facts.piracyRequest() && covering.coveredStates().size() >= 3 && random.nextDouble() < 0.06) {
      List<String> others = new ArrayList<>(covering.coveredStates().stream().filter(s -> !s.equals(lead.iso3())).sorted().toList());
      int count = Math.min(others.size(), random.nextDouble() < 0.6 ? 1 : random.nextDouble() < 0.75 ? 2 : 3);
      for (int i = 0; i < count; i++) {
        coRequesting.add(others.remove(random.nextInt(others.size())));
        double answer = random.nextDouble();
        answers.add(answer < 0.78 ? "YES" : answer < 0.88 ? "NO" : "NO_ANSWER");
      }
    }
    Set<String> taking = new LinkedHashSet<>(List.of(lead.iso3()));
    for (int i = 0; i < coRequesting.size(); i++) {
      if ("YES".equals(answers.get(i))) {
        taking.add(coRequesting.get(i));
      }
    }
    List<String> offices = new ArrayList<>(List.of(officeForAll(decisions.office(facts), taking)));
    data.fallbackChain(offices.get(0)).forEach(office -> offices.add(office.code()));

    Choices choices = choices(random, lead, facts, reviewed, answers, overridden, offices.size() - 1);
    double pace = officePace.getOrDefault(offices.get(Math.min(choices.officeDeclines(), offices.size() - 1)), 1d);
    // a revised request is assessed again, which sets the band back to the assessed one
    boolean reassessed = !choices.sections().isEmpty() && choices.adviceRounds().contains(Advice.REVISE);
    Course course = new Course.Builder(new RandomTiming(random, pace, yearsAgo, filedAt), clock)
        .build(choices, filedAt, reassessed ? assessed : reviewed);
    if (random.nextDouble() < 0.06) {
      // the state withdraws it some time before delivery starts
      long until = course.endOfWithdrawal();
      course = course.withdrawnAt(filedAt + Math.max(1, (long) ((until - filedAt) * (0.02 + 0.96 * random.nextDouble()))));
    }

    double budget = Math.min(3_000_000, Math.max(15_000, Math.round(180_000 * Math.exp(0.8 * random.nextGaussian()) / 1000d) * 1000d));
    double funded = Math.round(budget * (0.55 + 0.45 * random.nextDouble()) / 1000d) * 1000d;
    String source = SOURCES[pick(cumulative(SOURCE_SHARE), random.nextDouble())];
    String obstacles = OBSTACLES[random.nextInt(OBSTACLES.length)];
    if (random.nextDouble() < 0.35) {
      String second = OBSTACLES[random.nextInt(OBSTACLES.length - 1)];
      if (!obstacles.equals(second)) {
        obstacles = obstacles + " " + second;
      }
    }
    String[] titles = TITLES.getOrDefault(facts.counted().area().code(), new String[] {"Technical assistance"});
    String title = titles[random.nextInt(titles.length)] + ", " + lead.name();
    return new HistoricRequest(id, reference, filedAt, lead, title, areas, facts.counted().area().code(), assessed, reviewed,
        offices, coRequesting, budget, source, funded, obstacles, choices, course);
  }

  /** One to three areas, by weight, more where the state's region is vulnerable to them. */
  private List<String> areas(MemberState state, Random random, double yearIndex) {
    List<ThematicArea> all = data.thematicAreas();
    double[] weights = new double[all.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = areaWeight(state, all.get(i).code(), yearIndex);
    }
    double count = random.nextDouble();
    int wanted = count < 0.68 ? 1 : count < 0.93 ? 2 : 3;
    List<String> areas = new ArrayList<>();
    while (areas.size() < wanted) {
      double total = Arrays.stream(weights).sum();
      if (total <= 0) {
        break;
      }
      int chosen = pick(cumulative(weights), random.nextDouble() * total);
      areas.add(all.get(chosen).code());
      weights[chosen] = 0;
    }
    return areas;
  }

  private double areaWeight(MemberState state, String area, double yearIndex) {
    double weight = AREA_WEIGHT.getOrDefault(area, 1d);
    if (area.equals("PIRACY") && data.programmesCovering(state.iso3()).stream().noneMatch(o -> o.code().equals("CPP"))) {
      return 0;
    }
    if (area.equals("CYBERCRIME")) {
      weight *= 1 + 0.25 * yearIndex;
    }
    return weight * data.regionalVulnerability(state.iso3(), area).map(RegionalVulnerability::level)
        .map(level -> switch (level.name()) {
          case "HIGH" -> 3d;
          case "ELEVATED" -> 2d;
          default -> 1d;
        }).orElse(1d);
  }

  private Choices choices(Random random, MemberState lead, RequestFacts facts, String band, List<String> answers,
      boolean overridden, int mostDeclines) {
    List<Boolean> clarifications = new ArrayList<>();
    if (random.nextDouble() < 0.15) {
      boolean answered = random.nextDouble() < 0.72;
      clarifications.add(answered);
      if (answered && random.nextDouble() < 0.05) {
        clarifications.add(random.nextDouble() < 0.8);
      }
    }
    boolean declined = random.nextDouble() < (lead.para24Status() == Para24Status.DEVELOPED ? 0.14 : 0.07);
    List<Advice> rounds = new ArrayList<>();
    if (random.nextDouble() < 0.15) {
      double decision = random.nextDouble();
      Advice first = decision < 0.35 ? Advice.PROCEED : decision < 0.75 ? Advice.DECLINE : decision < 0.92 ? Advice.REVISE
          : Advice.NO_REVISION;
      rounds.add(first);
      if (first == Advice.REVISE) {
        rounds.add(random.nextDouble() < 0.7 ? Advice.IN_FAVOUR : random.nextBoolean() ? Advice.PROCEED : Advice.DECLINE);
      }
    }
    double fundedFirst = switch (band) {
      case "HIGH" -> 0.72;
      case "MEDIUM" -> 0.6;
      default -> 0.45;
    };
    int rechecks = 0;
    boolean unfunded = false;
    if (random.nextDouble() >= fundedFirst) {
      while (true) {
        rechecks++;
        double look = random.nextDouble();
        if (look < fundedFirst * 0.7) {
          break;
        }
        if (look < fundedFirst * 0.7 + 0.18 || rechecks == clock.maxFundingRechecks()) {
          unfunded = true;
          break;
        }
      }
    }
    int declines = 0;
    while (declines < mostDeclines && random.nextDouble() < (declines == 0 ? 0.08 : 0.25)) {
      declines++;
    }
    double plan = random.nextDouble();
    int activities = plan < 0.30 ? 1 : plan < 0.65 ? 2 : plan < 0.87 ? 3 : 4;
    return new Choices(answers, clarifications, declined, facts.requiredConsultations(), rounds, overridden, rechecks,
        unfunded, declines, activities, random.nextDouble() < 0.7);
  }

  /**
   * DescribeAssignedOffice: the rules' office if it covers every state taking part, else the smallest
   * field office that does, else the rules' office.
   */
  private String officeForAll(String rulesOffice, Set<String> taking) {
    boolean coversAll = data.office(rulesOffice).map(o -> o.coveredStates().containsAll(taking)).orElse(false);
    if (coversAll || taking.size() == 1) {
      return rulesOffice;
    }
    return data.offices().stream()
        .filter(o -> o.kind() != OfficeKind.PROGRAMME && o.coveredStates().containsAll(taking))
        .min(Comparator.comparingInt((Office o) -> o.coveredStates().size()).thenComparing(Office::code))
        .map(Office::code).orElse(rulesOffice);
  }

  private static double[] cumulative(double[] shares) {
    double[] cumulative = new double[shares.length];
    double total = 0;
    for (int i = 0; i < shares.length; i++) {
      total += shares[i];
      cumulative[i] = total;
    }
    return cumulative;
  }

  /** The index whose cumulative weight first exceeds the value. */
  private static int pick(double[] cumulative, double value) {
    int index = Arrays.binarySearch(cumulative, value);
    index = index < 0 ? -index - 1 : index + 1;
    return Math.min(index, cumulative.length - 1);
  }
}
