package org.unodc.uponrequest.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

/**
 * The shortcut in front of the Scala FEEL engine answers as the Scala engine does, for every input
 * entry, input expression and output entry of the deployed decisions and a range of inputs, and it
 * does take the shortcut for lists of literals, "-", plain names and single literals.
 */
class LiteralFeelTest {

  private static final List<Object> INPUTS = Arrays.asList("HIGH", "ELEVATED", "DEVELOPING", "TRANSITION", "DEVELOPED", "PER",
      "ECU", "Southern Asia", "NORMAL", "CRITICAL", "LOW", "", "true", "4", true, false, 0, 1, 2, 3, 4, 5, 8, 11, 12, 13, 4L,
      -1, 3.0, 4.5, null);

  /** Counts what reaches the Scala engine. */
  static final class Counting implements FeelEngine {
    final FeelEngine scala = new ScalaFeelEngineFactory().createInstance();
    int calls;

    @Override
    public <T> T evaluateSimpleExpression(String expression, VariableContext context) {
      calls++;
      return scala.evaluateSimpleExpression(expression, context);
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext context) {
      calls++;
      return scala.evaluateSimpleUnaryTests(expression, inputVariable, context);
    }
  }

  private final FeelEngine scala = new ScalaFeelEngineFactory().createInstance();
  private final Counting behind = new Counting();
  private final LiteralFeel.Engine literal = new LiteralFeel.Engine(behind);

  @Test
  void everyInputEntryOfTheDecisionsAnswersAsTheScalaEngine() throws IOException {
    Set<String> entries = texts("inputEntry");
    entries.addAll(List.of("\"A\", \"B\" ", "1,2,3", "null", "true,false", "\"a\\\"b\"", "\"x\",", "\"x\" \"y\"", "-3", "4.0",
        "\"unterminated", "not(\"HIGH\")", "< 3", "[1..3]", "date(\"2026-01-01\")", "cellInput"));
    assertThat(entries).hasSizeGreaterThan(30);
    for (String entry : entries) {
      for (Object input : INPUTS) {
        VariableMap context = Variables.createVariables().putValue("cellInput", input);
        assertThat(outcome(() -> literal.evaluateSimpleUnaryTests(entry, "cellInput", context.asVariableContext())))
            .as("%s against %s", entry, input)
            .isEqualTo(outcome(() -> scala.evaluateSimpleUnaryTests(entry, "cellInput", context.asVariableContext())));
      }
    }
  }

  @Test
  void everyInputExpressionAndOutputEntryOfTheDecisionsAnswersAsTheScalaEngine() throws IOException {
    Set<String> expressions = texts("inputExpression");
    expressions.addAll(texts("outputEntry"));
    expressions.addAll(List.of("missing", "true", "null", "a + b", " urgency ", "\"x\"", "-4", "12345678901234", "4.5",
        "\"a\",\"b\"", "\"esc\\\"aped\""));
    assertThat(expressions).hasSizeGreaterThan(40);
    for (String expression : expressions) {
      for (Object input : INPUTS) {
        VariableMap context = Variables.createVariables().putValue("a", 1).putValue("b", 2).putValue("points", List.of(1, 2));
        Matcher name = Pattern.compile("^\\s*([A-Za-z]+)\\s*$").matcher(expression);
        if (name.matches()) {
          context.putValue(name.group(1), input);
        }
        assertThat(outcome(() -> literal.evaluateSimpleExpression(expression, context.asVariableContext())))
            .as("%s with %s", expression, input)
            .isEqualTo(outcome(() -> scala.evaluateSimpleExpression(expression, context.asVariableContext())));
      }
    }
  }

  @Test
  void listsOfLiteralsAndPlainNamesDoNotReachTheScalaEngine() {
    VariableMap context = Variables.createVariables().putValue("cellInput", "PER").putValue("flag", true).putValue("n", 4);
    assertThat(literal.evaluateSimpleUnaryTests("\"PER\",\"ECU\"", "cellInput", context.asVariableContext())).isTrue();
    assertThat(literal.evaluateSimpleUnaryTests("\"VNM\"", "cellInput", context.asVariableContext())).isFalse();
    context.putValue("cellInput", false);
    assertThat(literal.evaluateSimpleUnaryTests("false,null", "cellInput", context.asVariableContext())).isTrue();
    assertThat(literal.evaluateSimpleUnaryTests("true", "cellInput", context.asVariableContext())).isFalse();
    context.putValue("cellInput", 4);
    assertThat(literal.evaluateSimpleUnaryTests("4", "cellInput", context.asVariableContext())).isTrue();
    assertThat((Object) literal.evaluateSimpleExpression("flag", context.asVariableContext())).isEqualTo(true);
    assertThat((Object) literal.evaluateSimpleExpression("n", context.asVariableContext())).isEqualTo(4L);
    assertThat((Object) literal.evaluateSimpleExpression("\"LOW\"", context.asVariableContext())).isEqualTo("LOW");
    assertThat(literal.evaluateSimpleUnaryTests("-", "cellInput", context.asVariableContext())).isTrue();
    assertThat(behind.calls).isZero();

    // what is not a list of literals of the input's kind is the Scala engine's
    assertThat(literal.evaluateSimpleUnaryTests("< 8", "cellInput", context.asVariableContext())).isTrue();
    assertThat(literal.evaluateSimpleUnaryTests("\"4\"", "cellInput", context.asVariableContext())).isFalse();
    assertThat((Object) literal.evaluateSimpleExpression("n + 1", context.asVariableContext())).isEqualTo(5L);
    assertThat(behind.calls).isEqualTo(3);
  }

  /** The answer, or the kind of failure. */
  private static Object outcome(java.util.function.Supplier<Object> evaluation) {
    try {
      return evaluation.get();
    } catch (RuntimeException failed) {
      return failed.getClass();
    }
  }

  /** The texts of this element in the deployed decisions, XML entities resolved. */
  private static Set<String> texts(String element) throws IOException {
    Set<String> texts = new LinkedHashSet<>();
    List<String> files = new ArrayList<>(List.of("bpmn/priority-assessment.dmn", "bpmn/regional-office-assignment.dmn"));
    for (String file : files) {
      try (InputStream in = LiteralFeelTest.class.getClassLoader().getResourceAsStream(file)) {
        assertThat(in).as(file).isNotNull();
        String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Matcher text = Pattern.compile("<" + element + "\\b[^>]*>\\s*<text>([^<]*)</text>").matcher(xml);
        while (text.find()) {
          texts.add(text.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&"));
        }
      }
    }
    return texts;
  }
}
