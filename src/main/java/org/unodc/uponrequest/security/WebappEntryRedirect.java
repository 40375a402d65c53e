package org.unodc.uponrequest.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends the bare webapp addresses to the welcome page. Camunda's container-based authentication
 * filter fails on them with a 500 (camunda-bpm-platform#5410), so they must not reach it.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER - 1)
class WebappEntryRedirect extends OncePerRequestFilter {

  private static final Set<String> BARE = Set.of("/camunda", "/camunda/", "/camunda/app", "/camunda/app/");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (BARE.contains(path)) {
      response.sendRedirect(request.getContextPath() + "/camunda/app/welcome/default/");
      return;
    }
    chain.doFilter(request, response);
  }
}
