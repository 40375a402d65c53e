package org.unodc.uponrequest.portal.forms;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.unodc.uponrequest.process.VariableValues;

/**
 * The text components' small Markdown subset as safe HTML: headings, {@code **bold**},
 * {@code *emphasis*}, {@code -} lists, {@code >} quotes, line breaks; {@code {{variable}}} and
 * {@code {{#if variable != null}}…{{/if}}} as form-js templates them. Everything is escaped
 * first and values are inserted after the Markdown is read, so neither the form nor a value (a
 * title a state typed) can add markup: no raw HTML, no links, no images. What the subset does
 * not know is shown as the text it is.
 */
final class TextMarkup {

  private static final Pattern CONDITIONAL = Pattern.compile("\\{\\{#if\\s+([^}]*?)\\s*}}(.*?)\\{\\{/if}}", Pattern.DOTALL);
  private static final Pattern NOT_NULL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*!=\\s*null");
  private static final Pattern IS_NULL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*null");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
  private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*)$");
  private static final Pattern LIST_ITEM = Pattern.compile("^[-*]\\s+(.*)$");
  private static final Pattern QUOTE = Pattern.compile("^>\\s?(.*)$");
  private static final Pattern STRONG = Pattern.compile("\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*");
  private static final Pattern EM = Pattern.compile("(?<!\\*)\\*(?=[^\\s*])(.+?)(?<=[^\\s*])\\*(?!\\*)");
  /** Private-use characters stand for the values while the Markdown is read; the form's own ones are dropped. */
  private static final char OPEN = '\uE000';
  private static final char CLOSE = '\uE001';
  private static final Pattern SLOT = Pattern.compile(OPEN + "(\\d+)" + CLOSE);

  private TextMarkup() {}

  /** The heading levels used in the texts (1 to 6, in order), so a form's first level becomes h2 under the page's h1. */
  static TreeSet<Integer> headingLevels(Collection<String> texts) {
    TreeSet<Integer> levels = new TreeSet<>();
    for (String text : texts) {
      for (String line : text.split("\r?\n", -1)) {
        Matcher heading = HEADING.matcher(line);
        if (heading.matches()) {
          levels.add(heading.group(1).length());
        }
      }
    }
    return levels;
  }

  /**
   * @param levels the heading levels of all the form's texts: the n-th becomes {@code h(n+1)}, so
   *     the levels a form skips are not skipped on the page (WCAG 1.3.1)
   */
  static String html(String formId, String text, Map<String, ?> variables, TreeSet<Integer> levels) {
    List<String> values = new ArrayList<>();
    String template = withConditions(formId, text.replace(String.valueOf(OPEN), "").replace(String.valueOf(CLOSE), ""), variables);
    template = withSlots(formId, template, variables, values);
    StringBuilder html = new StringBuilder();
    Block block = new Block();
    for (String line : template.split("\r?\n", -1)) {
      Matcher heading = HEADING.matcher(line);
      Matcher item = LIST_ITEM.matcher(line);
      Matcher quote = QUOTE.matcher(line);
      if (line.isBlank()) {
        block.close(html);
      } else if (heading.matches()) {
        block.close(html);
        int level = Math.min(6, 2 + levels.headSet(heading.group(1).length()).size());
        html.append("<h").append(level).append('>').append(inline(heading.group(2))).append("</h").append(level).append('>');
      } else if (item.matches()) {
        block.add(html, "ul", inline(item.group(1)));
      } else if (quote.matches()) {
        block.add(html, "blockquote", inline(quote.group(1)));
      } else {
        block.add(html, "p", inline(line));
      }
    }
    block.close(html);
    return fill(html.toString(), values).replace("<p></p>", "");
  }

  /** {@code {{#if name}}}, {@code {{#if name != null}}} and {@code {{#if name = null}}}; other FEEL is not evaluated here. */
  private static String withConditions(String formId, String text, Map<String, ?> variables) {
    Matcher conditional = CONDITIONAL.matcher(text);
    StringBuilder result = new StringBuilder();
    while (conditional.find()) {
      String condition = conditional.group(1);
      boolean shown;
      Matcher notNull = NOT_NULL.matcher(condition);
      Matcher isNull = IS_NULL.matcher(condition);
      if (notNull.matches()) {
        shown = plain(variables.get(notNull.group(1))) != null;
      } else if (isNull.matches()) {
        shown = plain(variables.get(isNull.group(1))) == null;
      } else if (NAME.matcher(condition).matches()) {
        shown = truthy(plain(variables.get(condition)));
      } else {
        throw new IllegalStateException("Form '" + formId + "': the portal cannot evaluate the template condition '"
            + condition + "'; use {{#if name}} or {{#if name != null}}");
      }
      conditional.appendReplacement(result, Matcher.quoteReplacement(shown ? conditional.group(2) : ""));
    }
    conditional.appendTail(result);
    if (result.indexOf("{{#") >= 0 || result.indexOf("{{/") >= 0) {
      throw new IllegalStateException("Form '" + formId + "': the portal supports only {{#if}} blocks in templates");
    }
    return result.toString();
  }

  private static String withSlots(String formId, String text, Map<String, ?> variables, List<String> values) {
    Matcher placeholder = PLACEHOLDER.matcher(text);
    StringBuilder result = new StringBuilder();
    while (placeholder.find()) {
      String name = placeholder.group(1);
      if (!NAME.matcher(name).matches()) {
        throw new IllegalStateException("Form '" + formId + "': the portal inserts only plain variables, not '{{" + name + "}}'");
      }
      values.add(escape(display(variables.get(name))).replace("\r\n", "\n").replace("\n", "<br>"));
      placeholder.appendReplacement(result, Matcher.quoteReplacement(OPEN + String.valueOf(values.size() - 1) + CLOSE));
    }
    placeholder.appendTail(result);
    return result.toString();
  }

  private static String inline(String line) {
    String html = escape(line.strip());
    html = STRONG.matcher(html).replaceAll("<strong>$1</strong>");
    return EM.matcher(html).replaceAll("<em>$1</em>");
  }

  private static String fill(String html, List<String> values) {
    return SLOT.matcher(html).replaceAll(slot -> Matcher.quoteReplacement(values.get(Integer.parseInt(slot.group(1)))));
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** A variable as text: lists (also Json ones) joined with commas, numbers without exponent, absent as nothing. */
  static String display(Object value) {
    Object plain = plain(value);
    if (plain == null) {
      return "";
    }
    if (plain instanceof Collection<?> || plain instanceof SpinJsonNode node && node.isArray()) {
      return String.join(", ", VariableValues.strings(plain));
    }
    if (plain instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (plain instanceof SpinJsonNode node && node.isString()) {
      return node.stringValue();
    }
    return plain.toString();
  }

  private static Object plain(Object value) {
    return value instanceof TypedValue typed ? typed.getValue() : value;
  }

  private static boolean truthy(Object value) {
    return value != null && !Boolean.FALSE.equals(value) && !(value instanceof String text && text.isEmpty())
        && !(value instanceof Collection<?> items && items.isEmpty());
  }

  /** The block being written: consecutive lines of one kind, joined by line breaks. */
  private static final class Block {
    private String kind;
    private final List<String> lines = new ArrayList<>();

    void add(StringBuilder html, String kind, String line) {
      if (!kind.equals(this.kind)) {
        close(html);
        this.kind = kind;
      }
      lines.add(line);
    }

    void close(StringBuilder html) {
      if (kind == null) {
        return;
      }
      switch (kind) {
        case "ul" -> html.append("<ul>").append(lines.stream().map(l -> "<li>" + l + "</li>").reduce("", String::concat)).append("</ul>");
        case "blockquote" -> html.append("<blockquote><p>").append(String.join("<br>", lines)).append("</p></blockquote>");
        default -> html.append("<p>").append(String.join("<br>", lines)).append("</p>");
      }
      kind = null;
      lines.clear();
    }
  }
}
