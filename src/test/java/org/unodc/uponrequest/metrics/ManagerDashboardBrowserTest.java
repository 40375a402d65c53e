package org.unodc.uponrequest.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.SCREEN_REQUEST;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unodc.uponrequest.portal.PortalBrowser;

/**
 * The dashboard in headless Chromium, as a manager sees it after signing in: every chart drawn from
 * its JSON, the heatmap with its badges, a step of the heatmap listing the requests waiting there,
 * and no serious or critical axe-core finding. Screenshots in target/screenshots/portal/.
 */
class ManagerDashboardBrowserTest extends FourRequests {

  @LocalServerPort int port;

  /** The heatmap's first screen on its own, at full size, for people to look at. */
  private static void heatmapScreenshot(PortalBrowser browser) {
    try {
      java.nio.file.Files.copy(browser.driver().findElement(By.cssSelector(".heatmap .diagram"))
          .getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
          java.nio.file.Path.of("target", "screenshots", "portal", "manager-heatmap.png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aManagerLandsOnTheDashboardWithItsChartsAndHeatmapAndListsTheRequestsWaitingAtAStep() {
    try (PortalBrowser browser = new PortalBrowser("http://localhost:" + port)) {
      browser.signIn("manager", "demo", "/manager");
      browser.open("/manager?from=2031-01&to=2031-03");
      var wait = browser.waiting();
      wait.until(driver -> driver.findElements(By.cssSelector(".chart[data-figure]")).stream()
          .allMatch(chart -> "true".equals(chart.getAttribute("data-drawn"))));
      wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".heatmap .diagram"), "data-drawn", "true"));
      List<WebElement> charts = browser.driver().findElements(By.cssSelector(".chart[data-figure]"));
      assertThat(charts).hasSize(ManagerDashboard.CHARTS.size());
      assertThat(browser.text()).contains("open requests now").contains("received in the period");
      assertThat(browser.driver().findElement(By.cssSelector(".chart[data-figure=monthly] table")).getAttribute("textContent"))
          .contains("2031-01").contains("2031-03");
      assertThat(browser.driver().findElements(By.cssSelector(".heatmap [data-badge-for='" + SCREEN_REQUEST + "']")))
          .isNotEmpty();
      assertThat(browser.accessibilityFindings()).as("serious or critical accessibility findings (axe-core, WCAG 2.1 AA)")
          .isEmpty();
      browser.screenshot("manager-dashboard");
      heatmapScreenshot(browser);

      browser.driver().findElement(By.cssSelector(".heatmap g[data-element-id='" + SCREEN_REQUEST + "']")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("requests-what"), "1 request behind"));
      WebElement list = browser.driver().findElement(By.cssSelector("table.requests-behind"));
      assertThat(list.getText()).contains("KEN").contains("INTAKE");
      assertThat(list.findElement(By.cssSelector("a")).getAttribute("href")).contains("/portal/requests/TA-2031-");
      assertThat(browser.accessibilityFindings()).isEmpty();
      browser.screenshot("manager-dashboard-requests-behind");
    }
  }
}
