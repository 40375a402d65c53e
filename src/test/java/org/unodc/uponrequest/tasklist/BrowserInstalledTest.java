package org.unodc.uponrequest.tasklist;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The browser tests fail, and never skip, on a machine without Chromium or ChromeDriver. */
class BrowserInstalledTest {

  @Test
  void aMissingBrowserFailsWithWhatToInstall() {
    Path chromium = Path.of("/nonexistent/chromium");

    assertThatThrownBy(() -> CamundaWebappBrowser.requireInstalled(chromium, Path.of("/bin/sh")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/nonexistent/chromium is missing")
        .hasMessageContaining("Debian packages chromium and chromium-driver");
  }

  @Test
  void installedProgramsPass() {
    assertThatCode(() -> CamundaWebappBrowser.requireInstalled(Path.of("/bin/sh"))).doesNotThrowAnyException();
  }
}
