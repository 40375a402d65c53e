package org.unodc.uponrequest.tasklist;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Gives the engine {@link SharedFilterPages} as its filter service, so Tasklist, engine-rest and
 * the Java API all get the shared filters' pages from it. {@code uponrequest.tasklist.fast-shared-filters:
 * false} leaves Camunda's own.
 */
@Component
@ConditionalOnProperty(name = "uponrequest.tasklist.fast-shared-filters", havingValue = "true", matchIfMissing = true)
class SharedFilterPagesPlugin extends AbstractProcessEnginePlugin {

  private final SharedFilterPages pages;

  SharedFilterPagesPlugin(@Value("${uponrequest.tasklist.kept-lists:true}") boolean keptLists) {
    pages = new SharedFilterPages(keptLists);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl engine) {
    engine.setFilterService(pages);
  }

  SharedFilterPages pages() {
    return pages;
  }
}
