package org.unodc.uponrequest.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends the bare webapp addresses to the welcome page. Camunda's container-based authentication
 * filter fails on them with a 500 (camunda-bpm-platform#5410), so they must not reach it. An
 * app's address without its trailing slash ({@code /camunda/app/cockpit/default}) goes to the one
 * with it: Camunda checks who may open an app only on that spelling.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER - 1)
class WebappEntryRedirect extends OncePerRequestFilter {

  private static final Set<String> BARE = Set.of("/camunda", "/camunda/", "/camunda/app", "/camunda/app/");
  /** an app and an engine name, e.g. /camunda/app/cockpit/default; no dot, so the apps' own files are not meant */
  private static final Pattern APP_WITHOUT_SLASH = Pattern.compile("^/camunda/app/[^/;.]+/[^/;.]+$");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (BARE.contains(path)) {
      response.sendRedirect(request.getContextPath() + "/camunda/app/welcome/default/");
      return;
    }
    if (APP_WITHOUT_SLASH.matcher(path).matches()) {
      response.sendRedirect(request.getRequestURI() + "/");
      return;
    }
    chain.doFilter(request, response);
  }
}
