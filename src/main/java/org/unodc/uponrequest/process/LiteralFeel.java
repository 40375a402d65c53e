package org.unodc.uponrequest.process;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * The engine's FEEL (Camunda's Scala FEEL engine), with a shortcut for the simplest and most
 * frequent forms in the product's decisions: an input entry "-" (any value), an input entry that is a
 * list of literals ({@code "HIGH"}, {@code "PER","ECU"}, {@code true}, {@code false,null}, {@code 4})
 * tested against an input of the literals' own type, an input expression that is just a variable's
 * name holding a text, a yes/no or a whole number, and an output entry that is one literal. The Scala engine builds its whole library of built-in functions and parses the
 * text again on every evaluation; a decision table evaluates hundreds of entries per request, which
 * made the decisions about a sixth of a request's CPU (BENCHMARKS.md, issue 10). Anything else,
 * including an input of another type than the literals or no input at all, goes to the Scala engine
 * unchanged, so the answers are the Scala engine's ({@code LiteralFeelTest} compares the two).
 */
@Component
class LiteralFeel extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
        ? configuration.getDmnEngineConfiguration()
        : (DefaultDmnEngineConfiguration) DefaultDmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    // created when the DMN engine is built, after the engine has given it its custom function providers
    dmn.setFeelEngineFactory(() -> new Engine(new ScalaFeelEngineFactory(
        Objects.requireNonNullElse(dmn.getFeelCustomFunctionProviders(), List.of())).createInstance()));
    configuration.setDmnEngineConfiguration(dmn);
  }

  /** The shortcut in front of another FEEL engine. */
  static final class Engine implements FeelEngine {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "not", "and", "or", "if", "then", "else",
        "for", "in", "return", "some", "every", "satisfies", "instance", "of", "function", "between");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
    /** Parsed input entries by text; the decisions are deployed, so their texts are few. */
    private static final int MAX_CACHED = 10_000;

    private final FeelEngine feel;
    private final Map<String, Optional<List<Object>>> literals = new ConcurrentHashMap<>();

    Engine(FeelEngine feel) {
      this.feel = feel;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T evaluateSimpleExpression(String expression, VariableContext context) {
      String name = expression == null ? null : expression.strip();
      if (name != null && NAME.matcher(name).matches() && !KEYWORDS.contains(name) && context.containsVariable(name)) {
        TypedValue value = context.resolve(name);
        Object plain = value == null ? null : value.getValue();
        if (plain instanceof String || plain instanceof Boolean) {
          return (T) plain;
        }
        if (plain instanceof Integer || plain instanceof Long || plain instanceof Short || plain instanceof Byte) {
          return (T) Long.valueOf(((Number) plain).longValue()); // a whole FEEL number comes back as a long
        }
      }
      // an output entry that is one literal: "LOW", 3, true
      List<Object> literal = literals(expression);
      if (literal != null && literal.size() == 1 && literal.get(0) != null) {
        Object value = literal.get(0);
        return (T) (value instanceof BigDecimal number ? Long.valueOf(number.longValueExact()) : value);
      }
      return feel.evaluateSimpleExpression(expression, context);
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext context) {
      if (expression != null && expression.strip().equals("-")) {
        return true; // "any value": most cells of a decision table
      }
      List<Object> values = literals(expression);
      TypedValue typed = values == null || !context.containsVariable(inputVariable) ? null : context.resolve(inputVariable);
      Object input = typed == null ? null : typed.getValue();
      if (input != null && values.stream().allMatch(value -> value == null || sameKind(value, input))) {
        for (Object value : values) {
          if (value != null && equal(value, input)) {
            return true;
          }
        }
        return false;
      }
      return feel.evaluateSimpleUnaryTests(expression, inputVariable, context);
    }

    /** The literals of a comma-separated list of them, or null if the text is anything else. */
    List<Object> literals(String expression) {
      if (expression == null) {
        return null;
      }
      Optional<List<Object>> known = literals.get(expression);
      if (known == null) {
        known = Optional.ofNullable(parse(expression));
        if (literals.size() < MAX_CACHED) {
          literals.put(expression, known);
        }
      }
      return known.orElse(null);
    }

    private static List<Object> parse(String expression) {
      List<Object> values = new ArrayList<>();
      int at = 0;
      int length = expression.length();
      while (true) {
        while (at < length && Character.isWhitespace(expression.charAt(at))) {
          at++;
        }
        if (at >= length) {
          return null; // empty, or a trailing comma
        }
        int end;
        if (expression.charAt(at) == '"') {
          end = expression.indexOf('"', at + 1);
          String text = end < 0 ? null : expression.substring(at + 1, end);
          if (text == null || text.indexOf('\\') >= 0) {
            return null; // unterminated, or an escape: the Scala engine's business
          }
          values.add(text);
          end++;
        } else {
          end = at;
          while (end < length && expression.charAt(end) != ',' && !Character.isWhitespace(expression.charAt(end))) {
            end++;
          }
          String token = expression.substring(at, end);
          switch (token) {
            case "true" -> values.add(Boolean.TRUE);
            case "false" -> values.add(Boolean.FALSE);
            case "null" -> values.add(null);
            default -> {
              if (!INTEGER.matcher(token).matches()) {
                return null; // a comparison, range, negation, name, function...
              }
              values.add(new BigDecimal(token));
            }
          }
        }
        at = end;
        while (at < length && Character.isWhitespace(expression.charAt(at))) {
          at++;
        }
        if (at >= length) {
          return values;
        }
        if (expression.charAt(at) != ',') {
          return null;
        }
        at++;
      }
    }

    private static boolean sameKind(Object literal, Object input) {
      if (literal instanceof String) {
        return input instanceof String;
      }
      if (literal instanceof Boolean) {
        return input instanceof Boolean;
      }
      return input instanceof Integer || input instanceof Long || input instanceof Short || input instanceof Byte;
    }

    private static boolean equal(Object literal, Object input) {
      if (literal instanceof BigDecimal number) {
        return number.compareTo(BigDecimal.valueOf(((Number) input).longValue())) == 0;
      }
      return literal.equals(input);
    }
  }
}
