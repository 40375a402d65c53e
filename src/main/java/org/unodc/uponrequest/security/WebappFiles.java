package org.unodc.uponrequest.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * The webapps' script, style, font and image files: about 5 MB each time Tasklist opens. Spring
 * Security forbids keeping any response ({@code no-store}), which is right for anything holding a
 * user's data but made every opening of Tasklist download all of these again, a burden on a
 * regional office's line. These files may be kept by the browser ({@code private}: never by a
 * shared proxy, as they sit behind sign-in) and are asked for again each time ({@code no-cache}:
 * answered {@code 304} without a body while unchanged, and a new release's files are seen at once,
 * though their addresses carry only Camunda's version).
 */
final class WebappFiles {

  static final String CACHE_CONTROL = "private, no-cache";

  /** Files under the webapps' folders with a file type of their own; the apps' pages and APIs are not. */
  private static final Pattern FILE = Pattern.compile(
      "/camunda/(?:lib|assets|app/[a-z]+)/[A-Za-z0-9_./-]+\\.(?:js|css|woff2?|ttf|eot|svg|png|gif|jpe?g|ico|map)");

  private WebappFiles() {}

  /** Spring Security's no-store for every response but the webapps' files, which get {@link #CACHE_CONTROL}. */
  static HeaderWriter cacheControl() {
    HeaderWriter noStore = new CacheControlHeadersWriter();
    HeaderWriter keepAndAskAgain = new StaticHeadersWriter("Cache-Control", CACHE_CONTROL);
    return (request, response) -> (isWebappFile(request) ? keepAndAskAgain : noStore).writeHeaders(request, response);
  }

  private static boolean isWebappFile(HttpServletRequest request) {
    if (!"GET".equals(request.getMethod())) {
      return false;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !path.contains("..") && FILE.matcher(path).matches();
  }
}
