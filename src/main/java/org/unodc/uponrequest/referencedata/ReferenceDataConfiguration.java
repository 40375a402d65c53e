package org.unodc.uponrequest.referencedata;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * Loads the seeds once at start-up. A bad row throws {@link SeedDataException}, which stops the
 * application with the file, line and field in the message instead of failing later in a process.
 */
@Configuration(proxyBeanMethods = false)
class ReferenceDataConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(ReferenceDataConfiguration.class);

  @Bean
  ReferenceData referenceData(
      ResourceLoader resourceLoader,
      @Value("${uponrequest.seeds.location:" + SeedLoader.DEFAULT_LOCATION + "}") String location) {
    ReferenceData data = new SeedLoader(resourceLoader, location).load();
    LOG.info("Reference data loaded from {}: {} member states, {} offices, {} thematic areas, {} instruments, "
            + "{} ratification rows (as of {}{}), {} groups, {} demo users, {} partner organisations, "
            + "{} regional vulnerabilities",
        location, data.memberStates().size(), data.offices().size(), data.thematicAreas().size(),
        data.instruments().size(), data.ratifications().size(), data.ratificationsAsOf().orElse(null),
        data.ratificationsIllustrative() ? ", ILLUSTRATIVE" : "", data.groups().size(), data.demoUsers().size(),
        data.partnerOrganisations().size(), data.regionalVulnerabilities().size());
    return data;
  }
}
