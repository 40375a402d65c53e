package org.unodc.uponrequest.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sealed data for addresses that name a task or a request by id, in engine-rest and in the
 * webapps' engine API: before Camunda answers, the caller must be able to see the task or request
 * (Camunda's own authorization and tenant checks, as a query run as the caller). Otherwise the
 * answer is the one for an id that does not exist, the same whether it exists in another state's
 * tenant or nowhere. This also covers what Camunda does not check itself (single attachments and
 * comments, their content, deleting an attachment).
 */
@Configuration
class SealedEngineIds {

  static final String NOT_FOUND = "{\"type\":\"NotFound\",\"message\":\"No such resource\"}";
  private static final String ID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
  private static final Pattern ENGINE_PATH = Pattern.compile(
      "^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)(/.*)$");
  private static final Pattern TASK = Pattern.compile("^/task/(" + ID + ")(?:/.*)?$");
  private static final Pattern REQUEST = Pattern.compile("^(?:/history)?/process-instance/(" + ID + ")(?:/.*)?$");
  private static final Pattern EXECUTION = Pattern.compile("^/execution/(" + ID + ")(?:/.*)?$");

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> sealEngineIds(@Lazy IdentityService identity, @Lazy TaskService tasks,
      @Lazy RuntimeService runtime, @Lazy HistoryService history) {
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        Matcher engine = ENGINE_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        var caller = SecurityContextHolder.getContext().getAuthentication();
        if (engine.matches() && caller != null && caller.isAuthenticated()
            && !visible(engine.group(1), caller.getName(), identity, tasks, runtime, history)) {
          response.setStatus(HttpServletResponse.SC_NOT_FOUND);
          response.setContentType("application/json");
          response.getOutputStream().write(NOT_FOUND.getBytes(StandardCharsets.UTF_8));
          return;
        }
        chain.doFilter(request, response);
      }
    });
    registration.addUrlPatterns(SecurityConfiguration.ENGINE_REST + "/*", "/camunda/api/engine/*");
    // after Spring Security (who is calling), before Camunda answers
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 3);
    return registration;
  }

  static boolean visible(String path, String user, IdentityService identity, TaskService tasks, RuntimeService runtime,
      HistoryService history) {
    Matcher task = TASK.matcher(path);
    Matcher request = REQUEST.matcher(path);
    Matcher execution = EXECUTION.matcher(path);
    if (task.matches()) {
      String id = task.group(1);
      return asCaller(user, identity, () -> tasks.createTaskQuery().taskId(id).count() > 0
          || history.createHistoricTaskInstanceQuery().taskId(id).count() > 0);
    }
    if (request.matches()) {
      String id = request.group(1);
      return asCaller(user, identity, () -> runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0
          || history.createHistoricProcessInstanceQuery().processInstanceId(id).count() > 0);
    }
    if (execution.matches()) {
      String id = execution.group(1);
      return asCaller(user, identity, () -> runtime.createExecutionQuery().executionId(id).count() > 0);
    }
    return true;
  }

  /** Runs the check with the caller's Camunda identity, so authorizations and tenants apply. */
  private static boolean asCaller(String user, IdentityService identity, BooleanSupplier check) {
    Authentication before = identity.getCurrentAuthentication();
    try {
      identity.clearAuthentication();
      List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
      List<String> tenants = identity.createTenantQuery().userMember(user).includingGroupsOfUser(true).list().stream()
          .map(Tenant::getId).toList();
      identity.setAuthentication(user, groups, tenants);
      return check.getAsBoolean();
    } finally {
      if (before != null) {
        identity.setAuthentication(before);
      } else {
        identity.clearAuthentication();
      }
    }
  }
}
