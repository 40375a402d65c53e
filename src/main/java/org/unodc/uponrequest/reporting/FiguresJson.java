package org.unodc.uponrequest.reporting;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;

/**
 * A report's figures as stored JSON. Its own mapper, not the web's: what is stored must read back
 * the same whatever the API's JSON settings become.
 */
@Component
class FiguresJson {

  private final ObjectMapper mapper = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  byte[] write(ReportFigures figures) {
    try {
      return mapper.writeValueAsBytes(figures);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ReportFigures read(byte[] json) {
    try {
      return mapper.readValue(json, ReportFigures.class);
    } catch (IOException e) {
      throw new UncheckedIOException("A report's stored figures cannot be read", e);
    }
  }
}
