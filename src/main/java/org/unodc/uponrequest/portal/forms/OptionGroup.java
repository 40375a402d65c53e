package org.unodc.uponrequest.portal.forms;

import java.util.List;

/**
 * The options of one M49 region in a list of member states, shown as a {@code <details>} that
 * starts open when it holds a chosen state (so a state sees what it chose).
 */
public record OptionGroup(String id, String name, List<FormOption> options, boolean open) {

  public OptionGroup {
    options = List.copyOf(options);
  }
}
