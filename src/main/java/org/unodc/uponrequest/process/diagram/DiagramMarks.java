package org.unodc.uponrequest.process.diagram;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link ProcessDiagram} marks on the process, by BPMN element id. Ids the diagram does not
 * draw are ignored.
 *
 * @param current the steps where the request waits now (activities, events, gateways): drawn
 *     with a strong outline, a fill and a "▶" badge
 * @param done the steps the request has passed; may also name sequence flows known to have been
 *     taken, drawn in the same tint. An id that is also current is drawn as current.
 * @param elementBadges short texts shown at the top-right corner of a step, e.g. "12 · 3 d"
 * @param flowBadges short texts shown in the middle of a sequence or message flow, e.g. for a
 *     heatmap of how often a path is taken
 */
public record DiagramMarks(
    Set<String> current, Set<String> done, Map<String, String> elementBadges, Map<String, String> flowBadges) {

  private static final DiagramMarks NONE = new DiagramMarks(Set.of(), Set.of(), Map.of(), Map.of());

  public DiagramMarks {
    current = current == null ? Set.of() : Set.copyOf(current);
    done = done == null ? Set.of() : Set.copyOf(done);
    elementBadges = elementBadges == null ? Map.of() : Map.copyOf(elementBadges);
    flowBadges = flowBadges == null ? Map.of() : Map.copyOf(flowBadges);
  }

  /** Nothing marked: the plain process. */
  public static DiagramMarks none() {
    return NONE;
  }

  /** The steps where the request waits now, nothing else. */
  public static DiagramMarks current(Collection<String> currentIds) {
    return new DiagramMarks(Set.copyOf(currentIds), Set.of(), Map.of(), Map.of());
  }

  public DiagramMarks withCurrent(Collection<String> ids) {
    return new DiagramMarks(Set.copyOf(ids), done, elementBadges, flowBadges);
  }

  public DiagramMarks withDone(Collection<String> ids) {
    return new DiagramMarks(current, Set.copyOf(ids), elementBadges, flowBadges);
  }

  public DiagramMarks withElementBadge(String elementId, String text) {
    Map<String, String> badges = new LinkedHashMap<>(elementBadges);
    badges.put(elementId, text);
    return new DiagramMarks(current, done, badges, flowBadges);
  }

  public DiagramMarks withFlowBadge(String flowId, String text) {
    Map<String, String> badges = new LinkedHashMap<>(flowBadges);
    badges.put(flowId, text);
    return new DiagramMarks(current, done, elementBadges, badges);
  }

  boolean isCurrent(String id) {
    return current.contains(id);
  }

  /** Passed and not current. */
  boolean isDone(String id) {
    return done.contains(id) && !current.contains(id);
  }
}
