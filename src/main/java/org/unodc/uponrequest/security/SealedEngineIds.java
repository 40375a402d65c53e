package org.unodc.uponrequest.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.ExecutionRestService;
import org.camunda.bpm.engine.rest.ProcessInstanceRestService;
import org.camunda.bpm.engine.rest.TaskRestService;
import org.camunda.bpm.engine.rest.history.HistoricProcessInstanceRestService;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sealed data for addresses that name a task or a request by id, in engine-rest and in the
 * webapps' engine API: before Camunda answers, the caller must be able to see the task or request
 * (Camunda's own authorization and tenant checks, as a query run as the caller). Otherwise the
 * answer is the one for an id that does not exist, the same whether it exists in another state's
 * tenant or nowhere. This also covers what Camunda does not check itself (single attachments and
 * comments, their content, deleting an attachment).
 *
 * <p>The address is read as the servlets read it: percent-decoded, without matrix parameters or
 * empty segments. An id that is not in the engine's own format is refused with the same answer
 * before the engine sees it: no spelling of an id can reach Camunda unchecked.
 */
@Configuration
class SealedEngineIds {

  static final String NOT_FOUND = "{\"type\":\"NotFound\",\"message\":\"No such resource\"}";
  /** Ids as Camunda's StrongUuidGenerator makes them: time-based (version 1) UUIDs in lower case. */
  static final Pattern ENGINE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  private static final Pattern ENGINE_PATH = Pattern.compile(
      "^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)(/.*)$", Pattern.CASE_INSENSITIVE);

  /** What an address names by id, if anything. */
  enum Sealed { NOTHING, TASK, REQUEST, EXECUTION }

  /** The sealed thing an address names and its id as written (possibly not an engine id at all). */
  record Named(Sealed what, String id) {

    static final Named NOTHING = new Named(Sealed.NOTHING, null);

    boolean wellFormed() {
      return id != null && ENGINE_ID.matcher(id).matches();
    }
  }

  /** The sub-resources that sit where an id would (/task/count, /process-instance/suspended...). */
  private static final Set<String> TASK_WORDS = words(TaskRestService.class);
  private static final Set<String> REQUEST_WORDS = words(ProcessInstanceRestService.class);
  private static final Set<String> HISTORIC_REQUEST_WORDS = words(HistoricProcessInstanceRestService.class);
  private static final Set<String> EXECUTION_WORDS = words(ExecutionRestService.class);

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> sealEngineIds(@Lazy IdentityService identity, @Lazy TaskService tasks,
      @Lazy RuntimeService runtime, @Lazy HistoryService history, @Lazy ActingUser actingUser) {
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        Named named = named(request.getRequestURI().substring(request.getContextPath().length()));
        var caller = SecurityContextHolder.getContext().getAuthentication();
        if (named.what() != Sealed.NOTHING && caller != null && caller.isAuthenticated() && (!named.wellFormed()
            || !visible(named, caller.getName(), List.copyOf(SignedInGroups.of(caller)), identity, actingUser, tasks,
                runtime, history))) {
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

  /**
   * What the address names, read as decoded, normalised segments. An address that cannot be read
   * so (bad percent-encoding, an encoded slash inside a segment) names an unknown id.
   */
  static Named named(String rawPath) {
    Named unreadable = new Named(Sealed.TASK, "");
    List<String> segments = new ArrayList<>();
    try {
      for (PathContainer.Element element : PathContainer.parsePath(rawPath).elements()) {
        if (element instanceof PathContainer.PathSegment segment && !segment.valueToMatch().isEmpty()) {
          if (segment.valueToMatch().contains("/")) {
            return unreadable;
          }
          segments.add(segment.valueToMatch());
        }
      }
    } catch (IllegalArgumentException undecodable) {
      return unreadable;
    }
    Matcher engine = ENGINE_PATH.matcher("/" + String.join("/", segments));
    if (!engine.matches()) {
      return Named.NOTHING;
    }
    List<String> rest = Arrays.asList(engine.group(1).substring(1).split("/"));
    String resource = rest.get(0).toLowerCase(Locale.ROOT);
    if (resource.equals("history") && rest.size() > 1 && rest.get(1).equalsIgnoreCase("process-instance")) {
      return idAt(rest, 2, Sealed.REQUEST, HISTORIC_REQUEST_WORDS);
    }
    return switch (resource) {
      case "task" -> idAt(rest, 1, Sealed.TASK, TASK_WORDS);
      case "process-instance" -> idAt(rest, 1, Sealed.REQUEST, REQUEST_WORDS);
      case "execution" -> idAt(rest, 1, Sealed.EXECUTION, EXECUTION_WORDS);
      default -> Named.NOTHING;
    };
  }

  private static Named idAt(List<String> segments, int index, Sealed what, Set<String> words) {
    if (segments.size() <= index || words.contains(segments.get(index))) {
      return Named.NOTHING;
    }
    return new Named(what, segments.get(index));
  }

  private static Set<String> words(Class<?> resource) {
    return Arrays.stream(resource.getMethods())
        .map(method -> method.getAnnotation(Path.class))
        .filter(path -> path != null && !path.value().contains("{"))
        .map(path -> path.value().replaceFirst("^/", "").split("/")[0])
        .collect(Collectors.toUnmodifiableSet());
  }

  static boolean visible(Named named, String user, List<String> groups, IdentityService identity, ActingUser actingUser,
      TaskService tasks, RuntimeService runtime, HistoryService history) {
    String id = named.id();
    return switch (named.what()) {
      case TASK -> asCaller(user, groups, identity, actingUser, () -> tasks.createTaskQuery().taskId(id).count() > 0
          || history.createHistoricTaskInstanceQuery().taskId(id).count() > 0);
      case REQUEST -> asCaller(user, groups, identity, actingUser,
          () -> runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0
          || history.createHistoricProcessInstanceQuery().processInstanceId(id).count() > 0);
      case EXECUTION -> asCaller(user, groups, identity, actingUser,
          () -> runtime.createExecutionQuery().executionId(id).count() > 0);
      case NOTHING -> true;
    };
  }

  /**
   * Runs the check with the caller's Camunda identity, so authorizations and tenants apply: the
   * groups the caller signed in with (as everywhere in the product, {@link SignedInGroups}; looked up
   * on every call they were a query per request) and the tenants as kept for the portal and
   * engine-rest (ADR 0007: looked up on every call, they were a tenth of the CPU of an officer's
   * step on H2).
   */
  private static boolean asCaller(String user, List<String> groups, IdentityService identity, ActingUser actingUser,
      BooleanSupplier check) {
    Authentication before = identity.getCurrentAuthentication();
    try {
      identity.clearAuthentication();
      identity.setAuthentication(user, groups, actingUser.tenantsOf(user, groups));
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
