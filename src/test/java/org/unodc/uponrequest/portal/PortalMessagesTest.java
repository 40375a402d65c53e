package org.unodc.uponrequest.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.DateFormat;
import java.text.Format;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ADR 0005 §4: the portal's own words are in {@code i18n/messages*.properties}, in all six languages,
 * and its templates hold no text of their own. Fails the build when a key is missing, blank or left
 * over in a language, when a translation loses or gains a MessageFormat argument or is not a valid
 * pattern, and when a template under {@code templates/portal/} shows a reader text that is not from a
 * message.
 *
 * <p>Spring formats a message with {@link MessageFormat} only when it is given arguments, and the
 * portal gives arguments exactly to the messages whose English has them. So a text with arguments
 * must be a valid pattern with the same arguments, its apostrophes written {@code ''}; a text without
 * arguments is shown as it is, so it must not hold an argument or a doubled apostrophe.
 */
class PortalMessagesTest {

  /**
   * Marks a template may hold as they are: they are read the same in every language. Sort arrows,
   * the separator of a title and the marker of a required field.
   */
  private static final String ALLOWED_MARKS = "▲▼·*";

  /** Attributes a user reads or hears, which need their {@code th:} variant when they hold text. */
  private static final List<String> READ_ATTRIBUTES = List.of("title", "alt", "aria-label", "placeholder");

  /** Thymeleaf attributes whose value is shown: literals in them are text. */
  private static final List<String> SHOWN_EXPRESSIONS = List.of("text", "utext", "title", "alt", "aria-label",
      "placeholder", "value");

  private static final Pattern ARGUMENT = Pattern.compile("\\{\\s*\\d");
  private static final Pattern SELF_FRAGMENT = Pattern.compile("~\\{\\s*(this\\s*)?::");
  private static final Pattern INLINED = Pattern.compile("\\[\\[.*?]]|\\[\\(.*?\\)]", Pattern.DOTALL);
  private static final Set<String> EXPRESSION_WORDS = Set.of("and", "or", "not", "gt", "lt", "ge", "le", "eq",
      "ne", "null", "true", "false", "div", "mod");

  // --- (a) every key in every language, none left over

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"fr", "es", "ru", "zh", "ar"})
  void everyKeyIsTranslatedAndNoLanguageHasAKeyTheEnglishLacks(String language) {
    Properties english = bundle("default");
    Properties translated = bundle(language);
    Set<String> missing = new TreeSet<>();
    for (String key : english.stringPropertyNames()) {
      String value = translated.getProperty(key);
      if (value == null || value.isBlank()) {
        missing.add(key);
      }
    }
    Set<String> extra = new TreeSet<>(translated.stringPropertyNames());
    extra.removeAll(english.stringPropertyNames());
    assertThat(missing).as("keys missing or blank in i18n/messages_%s.properties", language).isEmpty();
    assertThat(extra).as("keys in i18n/messages_%s.properties that messages.properties lacks", language).isEmpty();
  }

  @Test
  void theEnglishHasNoBlankMessage() {
    Properties english = bundle("default");
    assertThat(english.stringPropertyNames()).isNotEmpty()
        .allSatisfy(key -> assertThat(english.getProperty(key)).as(key).isNotBlank());
  }

  // --- (b) the same arguments, valid patterns

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"default", "fr", "es", "ru", "zh", "ar"})
  void everyTextKeepsTheEnglishArgumentsAndIsAValidPattern(String language) {
    Properties english = bundle("default");
    Properties translated = bundle(language);
    Map<String, List<String>> problems = new TreeMap<>();
    for (String key : english.stringPropertyNames()) {
      String text = translated.getProperty(key);
      if (text == null || text.isBlank()) {
        continue; // reported above
      }
      List<String> found = patternProblems(english.getProperty(key), text, locale(language));
      if (!found.isEmpty()) {
        problems.put(key, found);
      }
    }
    assertThat(problems).as("messages of %s that do not keep the English MessageFormat arguments", language).isEmpty();
  }

  @Test
  void aLostArgumentABrokenPatternAndAStrayApostropheAreFound() {
    Locale french = Locale.FRENCH;
    assertThat(patternProblems("Page {0} of {1}", "Page {0} sur {1}", french)).isEmpty();
    assertThat(patternProblems("Page {0} of {1}", "Page {0}", french)).hasSize(1);
    assertThat(patternProblems("Page {0} of {1}", "Page {0} sur {1", french)).isNotEmpty();
    assertThat(patternProblems("Offered to the {0}", "Proposée à l'{0}", french)).as("the quote hides {0}").isNotEmpty();
    assertThat(patternProblems("Reference {0}", "Référence {0} de l'ONUDC", french)).as("the quote is dropped").hasSize(1);
    assertThat(patternProblems("Reference {0}", "Référence {0} de l''ONUDC", french)).isEmpty();
    assertThat(patternProblems("{0,number,#,##0} dollars", "{0} dollars", french)).as("the number format is lost").hasSize(1);
    assertThat(patternProblems("{0,choice,0#None|1#1 task|1<{0} tasks}", "{0,choice,0#Aucune|1#1 tâche|1<{0} tâches}", french))
        .isEmpty();
    assertThat(patternProblems("{0,choice,0#None|1#1 task|1<{0} tasks}", "{0,choice,0#Aucune|1#1 tâche|1<{0 tâches}", french))
        .isNotEmpty();
    assertThat(patternProblems("Request received by UNODC", "Demande reçue par l'ONUDC", french)).isEmpty();
    assertThat(patternProblems("Request received by UNODC", "Demande reçue par l''ONUDC", french))
        .as("not formatted: '' shows as two quotes").hasSize(1);
    assertThat(patternProblems("Request received", "Demande {0} reçue", french)).as("an argument nobody passes").hasSize(1);
  }

  /** What is wrong with {@code translated} as the translation of {@code english}; empty when nothing is. */
  static List<String> patternProblems(String english, String translated, Locale locale) {
    List<String> problems = new ArrayList<>();
    Scan source = scan(english);
    if (source.arguments().isEmpty()) {
      if (ARGUMENT.matcher(translated).find()) {
        problems.add("has an argument that the English lacks (and nothing passes): " + translated);
      }
      if (translated.contains("''")) {
        problems.add("is shown as it is (no arguments), so '' would show as two quotes: " + translated);
      }
      return problems;
    }
    try {
      MessageFormat format = new MessageFormat(translated, locale);
      Format[] formats = format.getFormatsByArgumentIndex();
      for (int sample : new int[] {0, 1, 2, 3, 5, 11, 21, 250000}) {
        Object[] arguments = new Object[formats.length];
        for (int i = 0; i < arguments.length; i++) {
          arguments[i] = formats[i] instanceof DateFormat ? new Date(0) : sample;
        }
        format.format(arguments); // formats a choice's nested pattern too, which must be valid
      }
    } catch (IllegalArgumentException e) {
      problems.add("is not a valid MessageFormat pattern (" + e.getMessage() + "): " + translated);
      return problems;
    }
    Scan scanned = scan(translated);
    if (!scanned.arguments().equals(source.arguments())) {
      problems.add("has the arguments " + scanned.arguments() + " instead of " + source.arguments() + ": " + translated);
    }
    if (scanned.loneQuote()) {
      problems.add("has an apostrophe written ' instead of '' (MessageFormat drops it and quotes what follows): "
          + translated);
    }
    return problems;
  }

  /** The arguments of a pattern as {index[,type]}, and whether it quotes with a lone ', read as MessageFormat reads it. */
  record Scan(Set<String> arguments, boolean loneQuote) {}

  static Scan scan(String pattern) {
    Set<String> arguments = new TreeSet<>();
    boolean loneQuote = false;
    boolean inQuote = false;
    int depth = 0;
    StringBuilder argument = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (depth == 0) {
        if (c == '\'') {
          if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '\'') {
            i++;
          } else {
            inQuote = !inQuote;
            loneQuote = true;
          }
        } else if (c == '{' && !inQuote) {
          depth = 1;
          argument.setLength(0);
        }
      } else if (inQuote) {
        inQuote = c != '\'';
        argument.append(c);
      } else if (c == '\'') {
        inQuote = true;
        argument.append(c);
      } else if (c == '{') {
        depth++;
        argument.append(c);
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          arguments.add(describe(argument.toString()));
        } else {
          argument.append(c);
        }
      } else {
        argument.append(c);
      }
    }
    return new Scan(arguments, loneQuote);
  }

  private static String describe(String argument) {
    String[] parts = argument.split(",", 3);
    String type = parts.length > 1 ? "," + parts[1].trim().toLowerCase(Locale.ROOT) : "";
    return "{" + parts[0].trim() + type + "}";
  }

  // --- (c) no text of the templates' own

  @Test
  void thePortalsTemplatesShowOnlyTextFromMessages() {
    Map<String, List<String>> problems = new LinkedHashMap<>();
    List<Path> templates = templates();
    assertThat(templates).as("templates/portal/*.html").isNotEmpty();
    for (Path template : templates) {
      List<String> found = templateProblems(read(template));
      if (!found.isEmpty()) {
        problems.put(template.getFileName().toString(), found);
      }
    }
    assertThat(problems).as("text in templates/portal/ that is not from a message (ADR 0005 §4)").isEmpty();
  }

  @Test
  void literalTextInATemplateIsFound() {
    assertThat(templateProblems("<p>Hello</p>")).hasSize(1);
    assertThat(templateProblems("<p th:text=\"#{a}\">Hello</p>")).isEmpty();
    assertThat(templateProblems("<p th:text=\"#{a}\">Hello <b>there</b></p>")).as("replaced with its body").isEmpty();
    assertThat(templateProblems("<div th:replace=\"~{x :: y}\"><p>Prototype</p></div>")).isEmpty();
    assertThat(templateProblems("<main th:insert=\"${content}\">Prototype</main>")).isEmpty();
    assertThat(templateProblems("<html th:replace=\"~{portal/layout :: page(#{t}, ~{::section})}\"><body>"
        + "<section><h1>Mine</h1></section></body></html>")).as("the section is rendered").hasSize(1);
    assertThat(templateProblems("<p><span th:text=\"#{a}\"></span> · <span th:text=\"#{b}\"></span></p>")).isEmpty();
    assertThat(templateProblems("<span class=\"mark\">▲</span><span>*</span>")).isEmpty();
    assertThat(templateProblems("<script>var a = 'x';</script><style>p::after{content:'x'}</style>")).isEmpty();
    assertThat(templateProblems("<!--/* a note for developers */--><p th:text=\"#{a}\"></p>")).isEmpty();
    assertThat(templateProblems("<!--/*--><p>prototype only</p><!--*/-->")).isEmpty();
    assertThat(templateProblems("<!--/*/ <p>shown by Thymeleaf</p> /*/-->")).hasSize(1);
    assertThat(templateProblems("<p>[[#{a}]]</p>")).isEmpty();
    assertThat(templateProblems("<p>Hi [[${name}]]</p>")).hasSize(1);
    assertThat(templateProblems("<img src=\"a.png\" alt=\"A map\">")).hasSize(1);
    assertThat(templateProblems("<img src=\"a.png\" alt=\"A map\" th:alt=\"#{map}\">")).isEmpty();
    assertThat(templateProblems("<img src=\"a.png\" alt=\"\">")).as("decorative").isEmpty();
    assertThat(templateProblems("<nav aria-label=\"Pages\"></nav><input placeholder=\"Name\"><a title=\"Go\" href=\"#\""
        + " th:text=\"#{go}\"></a>")).hasSize(3);
    assertThat(templateProblems("<button type=\"submit\" th:text=\"'Send'\"></button>")).as("a literal").hasSize(1);
    assertThat(templateProblems("<button th:text=\"|Send ${n}|\"></button>")).as("a literal substitution").hasSize(1);
    assertThat(templateProblems("<b th:text=\"Send\"></b>")).as("a literal token").hasSize(1);
    assertThat(templateProblems("<span th:text=\"${a == 'descending'} ? '▼' : '▲'\"></span>"
        + "<span th:text=\"${s == null} ? '' : #{'stage.' + ${s}}\"></span><title th:text=\"${t} + ' · ' + #{x}\"></title>"))
        .isEmpty();
    assertThat(templateProblems("<input type=\"submit\" value=\"Send\">")).hasSize(1);
  }

  /** Each text a reader would get from {@code html} that is not from a message, one line each. */
  static List<String> templateProblems(String html) {
    String source = html.replace("<!--/*/", "").replace("/*/-->", "") // prototype-only comments: Thymeleaf shows their content
        .replaceAll("(?s)<!--/\\*.*?\\*/-->", ""); // parser-level comments, which Thymeleaf removes with what they hold
    Document document = Jsoup.parse(source);
    List<String> problems = new ArrayList<>();
    for (Element element : document.getAllElements()) {
      if (!rendered(element)) {
        continue;
      }
      String tag = element.tagName();
      if (!bodyReplaced(element) && !tag.equals("script") && !tag.equals("style")) {
        for (TextNode text : element.textNodes()) {
          String shown = inline(element) ? INLINED.matcher(text.getWholeText()).replaceAll("") : text.getWholeText();
          if (isText(shown)) {
            problems.add("<" + tag + "> holds \"" + shown.strip() + "\"");
          }
        }
      }
      List<String> attributes = new ArrayList<>(READ_ATTRIBUTES);
      if (tag.equals("input") && Set.of("submit", "button", "reset").contains(element.attr("type").toLowerCase(Locale.ROOT))) {
        attributes.add("value");
      }
      for (String attribute : attributes) {
        if (element.hasAttr(attribute) && isText(element.attr(attribute)) && !thymeleafSets(element, attribute)) {
          problems.add("<" + tag + " " + attribute + "=\"" + element.attr(attribute) + "\"> without th:" + attribute);
        }
      }
      for (String name : SHOWN_EXPRESSIONS) {
        String expression = th(element, name);
        if (expression == null) {
          continue;
        }
        for (String literal : literals(expression)) {
          if (isText(literal)) {
            problems.add("<" + tag + " th:" + name + "> has the literal \"" + literal + "\"");
          }
        }
      }
    }
    return problems;
  }

  /** Whether the element reaches the page as written: no ancestor replaces its body, and it is not itself replaced. */
  private static boolean rendered(Element element) {
    if (replaces(element, "replace") || "all".equals(th(element, "remove"))) {
      return false;
    }
    for (Element ancestor : element.parents()) {
      if (bodyReplaced(ancestor) || replaces(ancestor, "replace")) {
        return false;
      }
    }
    return true;
  }

  /** Whether Thymeleaf puts something else in place of the element's body. */
  private static boolean bodyReplaced(Element element) {
    return th(element, "text") != null || th(element, "utext") != null || replaces(element, "insert")
        || "body".equals(th(element, "remove")) || "all".equals(th(element, "remove"));
  }

  /**
   * th:replace or th:insert of another template's fragment. A fragment of this very template
   * ({@code ~{::section}}), as a page hands to its layout, is rendered, so it does not count.
   */
  private static boolean replaces(Element element, String name) {
    String value = th(element, name);
    return value != null && !SELF_FRAGMENT.matcher(value).find();
  }

  private static boolean thymeleafSets(Element element, String attribute) {
    if (th(element, attribute) != null) {
      return true;
    }
    String all = th(element, "attr");
    return all != null && Pattern.compile("(^|,)\\s*" + Pattern.quote(attribute) + "\\s*=").matcher(all).find();
  }

  private static boolean inline(Element element) {
    for (Element at = element; at != null; at = at.parent()) {
      String inline = th(at, "inline");
      if (inline != null) {
        return !inline.equals("none");
      }
    }
    return true;
  }

  /** The value of {@code th:name} or {@code data-th-name}, or null. */
  private static String th(Element element, String name) {
    if (element.hasAttr("th:" + name)) {
      return element.attr("th:" + name).trim();
    }
    if (element.hasAttr("data-th-" + name)) {
      return element.attr("data-th-" + name).trim();
    }
    return null;
  }

  /** Text a reader would read: anything but white space and the allowed marks. */
  private static boolean isText(String text) {
    return text.codePoints().anyMatch(c -> !Character.isWhitespace(c) && c != '\u00a0' && ALLOWED_MARKS.indexOf(c) < 0);
  }

  /**
   * The literal texts of a Thymeleaf standard expression, outside its variable, message, link and
   * fragment expressions: 'quoted', |substituted| and bare tokens (th:text="Send" shows "Send").
   */
  static List<String> literals(String expression) {
    List<String> found = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    boolean quoted = false;
    boolean substituted = false;
    for (int i = 0; i < expression.length(); i++) {
      char c = expression.charAt(i);
      char next = i + 1 < expression.length() ? expression.charAt(i + 1) : 0;
      if (depth > 0) {
        if (c == '{') {
          depth++;
        } else if (c == '}') {
          depth--;
        }
      } else if (quoted) {
        if (c == '\\' && next != 0) {
          current.append(next);
          i++;
        } else if (c == '\'') {
          quoted = false;
          if (!substituted) {
            found.add(current.toString());
            current.setLength(0);
          }
        } else {
          current.append(c);
        }
      } else if ("$#*@~".indexOf(c) >= 0 && next == '{') {
        depth = 1;
        i++;
      } else if (c == '|') {
        if (substituted) {
          found.add(current.toString());
          current.setLength(0);
        }
        substituted = !substituted;
      } else if (substituted) {
        current.append(c);
      } else if (c == '\'') {
        quoted = true;
      } else if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < expression.length()
            && (Character.isLetterOrDigit(expression.charAt(end)) || "_.-".indexOf(expression.charAt(end)) >= 0)) {
          end++;
        }
        String token = expression.substring(i, end);
        if (!EXPRESSION_WORDS.contains(token)) {
          found.add(token);
        }
        i = end - 1;
      }
    }
    return found;
  }

  // --- the files

  /** A bundle file on its own ("default" for the English one), read as UTF-8 as spring.messages.encoding says. */
  @Test
  void everyFactorThePriorityDecisionGivesHasAName() throws Exception {
    String decision;
    try (var dmn = PortalMessagesTest.class.getClassLoader().getResourceAsStream("bpmn/priority-assessment.dmn")) {
      decision = new String(dmn.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    java.util.regex.Matcher factor = java.util.regex.Pattern
        .compile("_Factor\">\\s*<text>&quot;([A-Z_]+)&quot;</text>|_Factor\">\\s*<text>\"([A-Z_]+)\"</text>").matcher(decision);
    java.util.Set<String> codes = new java.util.TreeSet<>();
    while (factor.find()) {
      codes.add(factor.group(1) != null ? factor.group(1) : factor.group(2));
    }
    assertThat(codes).as("factor codes in the decision").hasSizeGreaterThan(15);
    Properties english = bundle("default");
    assertThat(codes).allSatisfy(code -> assertThat(english.getProperty("priority.factor." + code)).as(code).isNotBlank());
  }

  @Test
  void everyOfficeHasItsNameAndTheEnglishOneIsTheSeeds() {
    Properties english = bundle("default");
    for (var office : org.unodc.uponrequest.referencedata.SeedLoader.fromClasspath().offices()) {
      assertThat(english.getProperty("office." + office.code())).as(office.code()).isEqualTo(office.name());
    }
  }

  /** PortalLabels.partner shows these names; a code without one would fall back to English on every page. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"default", "fr", "es", "ru", "zh", "ar"})
  void everyPartnerOrganisationHasItsNameAndTheEnglishOneIsTheSeeds(String language) {
    Properties english = bundle("default");
    Properties translated = bundle(language);
    var partners = org.unodc.uponrequest.referencedata.SeedLoader.fromClasspath().partnerOrganisations();
    assertThat(partners).as("seeds/partner-organisations.csv").isNotEmpty();
    for (var partner : partners) {
      String key = "partner." + partner.code();
      assertThat(translated.getProperty(key)).as("%s in messages_%s", key, language).isNotBlank();
      assertThat(english.getProperty(key)).as(key).isEqualTo(partner.name());
    }
    Set<String> seeded = partners.stream().map(partner -> "partner." + partner.code()).collect(Collectors.toSet());
    assertThat(translated.stringPropertyNames().stream().filter(key -> key.startsWith("partner.")))
        .as("partner keys of messages_%s without an organisation in the seeds", language).allMatch(seeded::contains);
  }

  private static Properties bundle(String language) {
    String name = "/i18n/messages" + (language.equals("default") ? "" : "_" + language) + ".properties";
    try (InputStream in = PortalMessagesTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Locale locale(String language) {
    return language.equals("default") ? Locale.ENGLISH : Locale.forLanguageTag(language);
  }

  private static List<Path> templates() {
    URL portal = PortalMessagesTest.class.getResource("/templates/portal");
    assertThat(portal).as("templates/portal on the classpath").isNotNull();
    try (Stream<Path> files = Files.walk(Paths.get(portal.toURI()))) {
      return files.filter(file -> file.toString().endsWith(".html")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
