package org.unodc.uponrequest.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Requests Tomcat refuses before the application sees them (an encoded "/" or NUL, bytes in the
 * path that are not UTF-8, a malformed percent-escape: 400) are answered by the host's error report
 * valve. At the states' API that answer is problem details, as every other answer there; elsewhere
 * it stays Tomcat's plain page, without report or server version (as Spring Boot sets it).
 */
@Component
class ContainerErrorAnswers implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    // runs after Spring Boot's own customizer, which adds its error report valve to the host
    factory.addContextCustomizers(context -> {
      if (context.getParent() instanceof StandardHost host) {
        for (Valve valve : host.getPipeline().getValves()) {
          if (valve instanceof ErrorReportValve) {
            host.getPipeline().removeValve(valve);
          }
        }
        host.setErrorReportValveClass(ProblemDetailsAtTheApi.class.getName());
        host.getPipeline().addValve(new ProblemDetailsAtTheApi());
      }
    });
  }

  /** Tomcat's error report, as problem details for the API's addresses. Public: Tomcat may create it by name. */
  public static class ProblemDetailsAtTheApi extends ErrorReportValve {

    public ProblemDetailsAtTheApi() {
      setShowReport(false);
      setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      String uri = request.getRequestURI();
      if (uri == null || !uri.startsWith("/api/")) {
        super.report(request, response, throwable);
        return;
      }
      int status = response.getStatus();
      if (status < HttpServletResponse.SC_BAD_REQUEST || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      String problem = "{\"type\":\"about:blank\",\"status\":" + status + ",\"detail\":\""
          + (status == HttpServletResponse.SC_BAD_REQUEST
              ? "The address is not a valid URL (an encoded '/' or NUL, a malformed escape, or bytes that are not UTF-8)."
              : "The request was refused before the API could read it.") + "\"}";
      try {
        response.setContentType("application/problem+json");
        response.getOutputStream().write(problem.getBytes(StandardCharsets.UTF_8));
        response.finishResponse();
      } catch (IOException | IllegalStateException unwritable) {
        // the connection is gone or the answer already started: nothing more to say
      }
    }
  }
}
