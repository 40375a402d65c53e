package org.unodc.uponrequest.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.unodc.uponrequest.process.InvalidInputException;

/**
 * The webapps reach the engine through their own REST application (/camunda/api/engine), which
 * UponRequest cannot give an exception mapper; it answers every engine exception with a 500.
 * This filter gives those answers the meaning engine-rest gives them ({@link SealedEngineRestErrors}):
 * another member state's data is a 404 like a missing resource ("belongs to no authenticated
 * tenant" would confirm it exists), input the process refuses is a 400 naming the field, a
 * door closed to the caller is a 403, and a write that lost to someone else's (Tasklist: a task
 * another officer completed first) is a 409 saying so ({@link CompletionConflicts}). A body it
 * cannot read is a 400 saying so ({@link UnreadableEngineBody}): its own answer is either empty
 * or Jackson's text naming Camunda's classes, and a write with no body at all fails in Camunda's
 * resource with a NullPointerException (a 500) before any command runs.
 */
@Configuration
class SealedWebappEngineApi {

  static final Pattern OTHER_TENANT = Pattern.compile("(?i)(belongs to no authenticated tenant|does ?n[o']t exist)");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> sealWebappEngineApi() {
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        var buffered = new ContentCachingResponseWrapper(response);
        EngineRefusals.forget();
        try {
          chain.doFilter(request, buffered);
          String body = new String(buffered.getContentAsByteArray(), StandardCharsets.UTF_8);
          if (buffered.getStatus() >= 500 && EngineRefusals.last() == null && withoutBody(request)) {
            answer(buffered, HttpServletResponse.SC_BAD_REQUEST, UnreadableEngineBody.answer(UnreadableEngineBody.NOT_WHAT_IT_TAKES
                + "; this request had no body."));
          } else if (buffered.getStatus() >= 500) {
            rewrite(buffered, body);
          } else if (buffered.getStatus() == HttpServletResponse.SC_BAD_REQUEST && unreadable(buffered, body)) {
            answer(buffered, HttpServletResponse.SC_BAD_REQUEST, UnreadableEngineBody.answer(UnreadableEngineBody.NOT_WHAT_IT_TAKES + "."));
          }
          buffered.copyBodyToResponse();
        } finally {
          EngineRefusals.forget();
        }
      }
    });
    registration.addUrlPatterns("/camunda/api/engine/*");
    // outside the authentication filters, so it sees the engine's final answer
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
    return registration;
  }

  /** A write that came without a body (none sent, or an empty one). */
  private static boolean withoutBody(HttpServletRequest request) {
    return !"GET".equals(request.getMethod()) && request.getContentLengthLong() <= 0
        && request.getHeader("Transfer-Encoding") == null;
  }

  /** Camunda's answer to a body it could not read: text (Jackson's, naming classes) or its error without a message. */
  private static boolean unreadable(ContentCachingResponseWrapper response, String body) {
    return response.getContentType() != null && response.getContentType().startsWith("text/plain")
        || body.replace(" ", "").startsWith("{\"type\":\"" + UnreadableEngineBody.TYPE + "\",\"message\":\"\"");
  }

  private static void answer(ContentCachingResponseWrapper response, int status, Map<String, Object> answer)
      throws IOException {
    response.setStatus(status);
    response.resetBuffer();
    response.setContentType("application/json");
    response.getOutputStream().write(JSON.writeValueAsBytes(answer));
  }

  private static void rewrite(ContentCachingResponseWrapper response, String body) throws IOException {
    RuntimeException refusal = EngineRefusals.last();
    Map<String, Object> answer = new LinkedHashMap<>();
    Map<String, Object> conflict = CompletionConflicts.answer(refusal);
    if (refusal instanceof InvalidInputException invalid) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      answer.put("type", "InvalidInput");
      answer.put("message", invalid.getMessage());
      answer.put("field", invalid.getField());
    } else if (conflict != null) {
      response.setStatus(HttpServletResponse.SC_CONFLICT);
      answer.putAll(conflict);
    } else if (refusal != null || SealedEngineRestErrors.SKIPPING_REGISTRATION.matcher(body).find()) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      answer.put("type", "AuthorizationException");
      answer.put("message", refusal != null ? refusal.getMessage() : SealedEngineRestErrors.NO_SKIPPING);
    } else if (OTHER_TENANT.matcher(body).find()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      answer.put("type", "NotFound");
      answer.put("message", "No such resource");
    } else {
      return;
    }
    response.resetBuffer();
    response.setContentType("application/json");
    response.getOutputStream().write(JSON.writeValueAsBytes(answer));
  }
}
