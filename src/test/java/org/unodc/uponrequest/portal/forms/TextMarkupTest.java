package org.unodc.uponrequest.portal.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;

/** The Markdown subset of text components: what it renders, and that nothing in it or in a value becomes markup. */
class TextMarkupTest {

  private static String html(String text, Map<String, ?> variables) {
    return TextMarkup.html("test-form", text, variables, TextMarkup.headingLevels(List.of(text)));
  }

  @Test
  void theFormsHeadingLevelsFollowThePagesH1WithoutGaps() {
    TreeSet<Integer> levels = TextMarkup.headingLevels(List.of("## Request\nIntro", "#### Focal point\nWho"));
    assertThat(TextMarkup.html("f", "## Request", Map.of(), levels)).isEqualTo("<h2>Request</h2>");
    assertThat(TextMarkup.html("f", "#### Focal point", Map.of(), levels)).isEqualTo("<h3>Focal point</h3>");
    assertThat(html("### {{referenceNumber}} — {{title}}", Map.of("referenceNumber", "UR-1", "title", "T")))
        .isEqualTo("<h2>UR-1 — T</h2>");
  }

  @Test
  void boldEmphasisLineBreaksListsAndQuotes() {
    assertThat(html("**Submitted by:** Kenya\n*today*\n\n- one\n- two\n\n> {{q}}", Map.of("q", "Which courts?")))
        .isEqualTo("<p><strong>Submitted by:</strong> Kenya<br><em>today</em></p>"
            + "<ul><li>one</li><li>two</li></ul>"
            + "<blockquote><p>Which courts?</p></blockquote>");
  }

  @Test
  void boldNeedsNoSpacesAroundItForScriptsWithoutThem() {
    assertThat(html("联合国**应请求**提供", Map.of())).isEqualTo("<p>联合国<strong>应请求</strong>提供</p>");
  }

  @Test
  void aValueIsEscapedAndKeepsItsLineBreaksButNotMarkdown() {
    String html = html("### {{title}}\n{{description}}", Map.of(
        "title", "<script>alert('x')</script>",
        "description", "**not bold**\r\n<b>not bold either</b> & more"));
    assertThat(html).isEqualTo("<h2>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</h2>"
        + "<p>**not bold**<br>&lt;b&gt;not bold either&lt;/b&gt; &amp; more</p>");
  }

  @Test
  void theFormsOwnHtmlAndLinksAreShownAsText() {
    assertThat(html("<img src=x onerror=alert(1)> [UNODC](javascript:alert(1))", Map.of()))
        .isEqualTo("<p>&lt;img src=x onerror=alert(1)&gt; [UNODC](javascript:alert(1))</p>");
  }

  @Test
  void aValueCannotForgeTheSlotsValuesAreInsertedThrough() {
    assertThat(html("{{a}} {{b}}", Map.of("a", "\uE0001\uE001", "b", "B"))).isEqualTo("<p>\uE0001\uE001 B</p>");
  }

  @Test
  void conditionalBlocksShowWhenTheirVariableIsSet() {
    String text = "Done.\n{{#if resultsAchieved != null}}**Results:**\n{{resultsAchieved}}\n{{/if}}\nThanks.";
    assertThat(html(text, Map.of("resultsAchieved", "120 trained")))
        .isEqualTo("<p>Done.<br><strong>Results:</strong><br>120 trained</p><p>Thanks.</p>");
    assertThat(html(text, Map.of())).isEqualTo("<p>Done.</p><p>Thanks.</p>");
    assertThat(html("{{#if flag}}yes{{/if}}", Map.of("flag", false))).isEmpty();
  }

  @Test
  void valuesOfAnyVariableTypeAreShownAsText() {
    assertThat(html("{{areas}} / {{json}} / {{typed}} / {{amount}} / {{missing}}", Map.of(
        "areas", List.of("CORRUPTION", "TERRORISM"),
        "json", SpinValues.jsonValue("[\"AFG\",\"KEN\"]").create(),
        "typed", Variables.stringValue("typed"),
        "amount", new java.math.BigDecimal("1E+3"))))
        .isEqualTo("<p>CORRUPTION, TERRORISM / AFG, KEN / typed / 1000 / </p>");
  }

  @Test
  void templatesThePortalCannotEvaluateFailNamingTheForm() {
    assertThatThrownBy(() -> html("{{a + b}}", Map.of())).isInstanceOf(IllegalStateException.class).hasMessageContaining("test-form");
    assertThatThrownBy(() -> html("{{#if count > 2}}x{{/if}}", Map.of())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("count > 2");
    assertThatThrownBy(() -> html("{{#loop items}}x{{/loop}}", Map.of())).isInstanceOf(IllegalStateException.class);
  }
}
