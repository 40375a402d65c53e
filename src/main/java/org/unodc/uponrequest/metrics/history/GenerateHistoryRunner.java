package org.unodc.uponrequest.metrics.history;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The {@code generate-history} profile's command: generates the historic requests once the product
 * has started, says what it wrote, and then exits (status 0; 2 if it refused, 1 if it failed) or,
 * with {@code uponrequest.generate.then=serve}, goes on serving.
 */
@Component
@Profile(HistoryGenerator.PROFILE)
@EnableConfigurationProperties(GenerateSettings.class)
class GenerateHistoryRunner implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(GenerateHistoryRunner.class);

  private final HistoryGenerator generator;
  private final GenerateSettings settings;
  private final ConfigurableApplicationContext context;

  GenerateHistoryRunner(HistoryGenerator generator, GenerateSettings settings, ConfigurableApplicationContext context) {
    this.generator = generator;
    this.settings = settings;
    this.context = context;
  }

  @Override
  public void run(ApplicationArguments arguments) {
    int status;
    try {
      LOG.info("{}", generator.generate(settings, ClockUtil.getCurrentTime().getTime()));
      status = 0;
    } catch (HistoryGenerator.Refused refused) {
      LOG.error("{}", refused.getMessage());
      status = 2;
    } catch (RuntimeException failed) {
      LOG.error("Generating historic requests failed; start again from an empty data directory", failed);
      status = 1;
    }
    if (settings.then() == GenerateSettings.Then.EXIT) {
      int exit = status;
      System.exit(SpringApplication.exit(context, () -> exit));
    }
  }
}
