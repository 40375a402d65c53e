package org.unodc.uponrequest.process.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** How the diagram measures, wraps and writes text. */
class ProcessDiagramTextTest {

  /** The line breaks Camunda Modeler makes for the same names in the project's BPMN files. */
  @Test
  void namesBreakWhereCamundaModelerBreaksThem() {
    assertThat(TextMetrics.wrap("Confirm taking part in the regional request", 130 - 14, 12))
        .containsExactly("Confirm taking part in", "the regional request");
    assertThat(TextMetrics.wrap("Asked to take part by the lead state", 90, 11))
        .containsExactly("Asked to take part", "by the lead state");
    assertThat(TextMetrics.wrap("No answer by the deadline", 90, 11)).containsExactly("No answer by the", "deadline");
    assertThat(TextMetrics.wrap("Drops out (no answer)", 90, 11)).containsExactly("Drops out (no", "answer)");
    assertThat(TextMetrics.wrap("Request for assistance submitted", 90, 11))
        .containsExactly("Request for", "assistance", "submitted");
  }

  @Test
  void aWordWiderThanTheLineIsCutAndLineBreaksAreKept() {
    assertThat(TextMetrics.wrap("Supercalifragilisticexpialidocious", 60, 12))
        .allSatisfy(line -> assertThat(TextMetrics.width(line, 12)).isLessThanOrEqualTo(60))
        .hasSizeGreaterThan(1)
        .satisfies(lines -> assertThat(String.join("", lines)).isEqualTo("Supercalifragilisticexpialidocious"));
    assertThat(TextMetrics.wrap("First\nSecond", 200, 12)).containsExactly("First", "Second");
    assertThat(TextMetrics.wrap("Money-laundering programme", 80, 12)).first().isEqualTo("Money-");
    assertThat(TextMetrics.wrap("  ", 80, 12)).isEmpty();
    assertThat(TextMetrics.wrap(null, 80, 12)).isEmpty();
  }

  @Test
  void widthsFollowArial() {
    assertThat(TextMetrics.width("iiii", 10)).isLessThan(TextMetrics.width("MMMM", 10));
    assertThat(TextMetrics.width("é", 10)).isEqualTo(TextMetrics.width("e", 10));
    assertThat(TextMetrics.width("技术援助", 10)).isEqualTo(40);
  }

  @Test
  void numbersAreWrittenTheSameInEveryLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.FRANCE);
      assertThat(Svg.number(1234.5)).isEqualTo("1234.5");
      assertThat(Svg.number(10.0)).isEqualTo("10");
      assertThat(Svg.number(-0.001)).isEqualTo("0");
      assertThat(Svg.number(1.0 / 3)).isEqualTo("0.33");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void textIsEscapedAndWhatXmlCannotHoldIsLeftOut() {
    assertThat(Svg.escape("a<b>&\"c\"'d'")).isEqualTo("a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
    assertThat(Svg.escape("bell\u0007 and \uD83D\uDE00 and lone \uD800")).isEqualTo("bell and \uD83D\uDE00 and lone ");
  }
}
