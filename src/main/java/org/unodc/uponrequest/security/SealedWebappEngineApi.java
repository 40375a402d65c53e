package org.unodc.uponrequest.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The webapps reach the engine through their own REST application (/camunda/api/engine), which
 * UponRequest cannot give an exception mapper. When the engine refuses another member state's
 * data there ("belongs to no authenticated tenant", a 500 that also confirms it exists), the
 * answer is rewritten to the 404 a missing resource gets, like {@link SealedEngineRestErrors}.
 */
@Configuration
class SealedWebappEngineApi {

  static final Pattern OTHER_TENANT = Pattern.compile("(?i)(belongs to no authenticated tenant|does ?n[o']t exist)");

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> sealWebappEngineApi() {
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        var buffered = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, buffered);
        if (buffered.getStatus() >= 500
            && OTHER_TENANT.matcher(new String(buffered.getContentAsByteArray(), StandardCharsets.UTF_8)).find()) {
          buffered.resetBuffer();
          buffered.setStatus(HttpServletResponse.SC_NOT_FOUND);
          buffered.setContentType("application/json");
          buffered.getOutputStream().write("{\"type\":\"NotFound\",\"message\":\"No such resource\"}".getBytes(StandardCharsets.UTF_8));
        }
        buffered.copyBodyToResponse();
      }
    });
    registration.addUrlPatterns("/camunda/api/engine/*");
    // outside the authentication filters, so it sees the engine's final answer
    registration.setOrder(org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER + 2);
    return registration;
  }
}
