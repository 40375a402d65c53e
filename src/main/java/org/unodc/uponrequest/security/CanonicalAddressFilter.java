package org.unodc.uponrequest.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns odd spellings away (400) before anything reads the address: Spring's own path parsing
 * fails with a 500 on "/camunda//api/..." (the webapps' servlets are mapped below /camunda/api),
 * and the redirects of {@link WebappEntryRedirect} should only ever see canonical addresses.
 * Same rules as the firewall of Spring Security, which checks again; the same answer
 * ({@link RejectedAddresses}).
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER - 2)
class CanonicalAddressFilter extends OncePerRequestFilter {

  private final CanonicalAddressFirewall firewall = new CanonicalAddressFirewall();
  private final RejectedAddresses rejected = new RejectedAddresses();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      firewall.getFirewalledRequest(request);
    } catch (RequestRejectedException oddSpelling) {
      rejected.handle(request, response, oddSpelling);
      return;
    }
    chain.doFilter(request, response);
  }
}
