package org.unodc.uponrequest.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * An address the firewall refuses ({@link CanonicalAddressFirewall}: ";", "..", "%25", an encoded
 * letter...) is the caller's mistake: 400. At the states' API it is answered as the API answers
 * everything, problem details; elsewhere with the container's error answer. The address itself is
 * not echoed.
 */
class RejectedAddresses implements RequestRejectedHandler {

  private static final String API = "/api/";
  private static final String PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
      + "\"detail\":\"The address is not written as the API writes its addresses (no ';', '..', encoded '%', '/' or"
      + " letters): check the reference or id in it.\"}";

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
      throws IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.regionMatches(true, 0, API, 0, API.length())) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType("application/problem+json");
    response.getOutputStream().write(PROBLEM.getBytes(StandardCharsets.UTF_8));
  }
}
