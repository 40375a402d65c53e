package org.unodc.uponrequest.documents;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * A body over the multipart limit (spring.servlet.multipart, a little above 10 MB) is answered
 * with a 413 naming the field; by default Tomcat then closes the connection without reading the
 * rest, and a client still sending often sees a reset instead of the answer. Tomcat reads the rest
 * instead, up to server.tomcat.max-swallow-size (application.yaml: 25 MB) of it; a larger body
 * still has its connection closed.
 */
@Component
class DocumentUploadLimits implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> context.setSwallowAbortedUploads(true));
  }
}
