package org.unodc.uponrequest.process.diagram;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.Association;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.DataAssociation;
import org.camunda.bpm.model.bpmn.instance.DataInput;
import org.camunda.bpm.model.bpmn.instance.DataObject;
import org.camunda.bpm.model.bpmn.instance.DataObjectReference;
import org.camunda.bpm.model.bpmn.instance.DataOutput;
import org.camunda.bpm.model.bpmn.instance.DataStoreReference;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Group;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.MessageFlow;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TextAnnotation;
import org.camunda.bpm.model.bpmn.instance.ThrowEvent;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnLabel;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.DiagramElement;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.unodc.uponrequest.process.diagram.Svg.Point;

/**
 * A BPMN process drawn as SVG on the server from the model's diagram interchange (DI), so that a
 * page can show where a request stands without any JavaScript.
 *
 * <p>{@link #of} reads what it needs from the model once; the diagram holds no reference to the
 * model, cannot change afterwards and can be kept per process definition and shared between
 * threads. {@link #svg} then draws it with the marks of one request (or of a heatmap).
 *
 * <pre>{@code
 * ProcessDiagram diagram = ProcessDiagram.of(repositoryService.getBpmnModelInstance(definitionId));
 * String svg = diagram.svg(DiagramMarks.current(activeActivityIds).withDone(passedIds),
 *     messages.get("diagram.title"), messages.get("diagram.desc", diagram.names(activeActivityIds)));
 * }</pre>
 *
 * <p>The SVG is meant to be written into the page as it is (Thymeleaf {@code th:utext}): element
 * names and the caller's texts are escaped here.
 */
public final class ProcessDiagram {

  private static final Pattern ID_PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  private final List<Shape> shapes;
  private final List<Edge> edges;
  private final Map<String, String> names;

  private ProcessDiagram(List<Shape> shapes, List<Edge> edges, Map<String, String> names) {
    this.shapes = List.copyOf(shapes);
    this.edges = List.copyOf(edges);
    this.names = Map.copyOf(names);
  }

  /**
   * Reads the first diagram of {@code model} (the one Camunda Modeler shows when it opens the
   * file; drill-down diagrams of collapsed sub-processes are not drawn).
   *
   * @throws IllegalArgumentException if the model has no diagram interchange
   */
  public static ProcessDiagram of(BpmnModelInstance model) {
    Collection<BpmnDiagram> diagrams = model.getDefinitions().getBpmDiagrams();
    if (diagrams.isEmpty() || diagrams.iterator().next().getBpmnPlane() == null) {
      throw new IllegalArgumentException("the BPMN model has no diagram to draw");
    }
    List<Shape> shapes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    for (DiagramElement di : diagrams.iterator().next().getBpmnPlane().getDiagramElements()) {
      if (di instanceof BpmnShape shape && shape.getBpmnElement() != null && shape.getBounds() != null) {
        shapes.add(shape(shape));
      } else if (di instanceof BpmnEdge edge && edge.getBpmnElement() != null && edge.getWaypoints().size() >= 2) {
        edges.add(edge(edge));
      }
    }
    Map<String, String> names = new LinkedHashMap<>();
    for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
      String name = element.getAttributeValue("name");
      if (element.getId() != null && name != null && !name.isBlank()) {
        names.put(element.getId(), name.strip());
      }
    }
    return new ProcessDiagram(shapes, edges, names);
  }

  /** Reads a BPMN file and its diagram. */
  public static ProcessDiagram read(InputStream bpmnXml) {
    return of(Bpmn.readModelFromStream(bpmnXml));
  }

  /**
   * The diagram as one {@code <svg>} element, {@code width="100%"} and scaled by its viewBox. Its
   * ids start with {@code process-diagram}; use {@link #svg(DiagramMarks, String, String, String)}
   * for more than one diagram on a page.
   *
   * @param title the accessible name of the image, in the reader's language
   * @param description says in words where the request stands, in the reader's language; the
   *     names of the current steps are {@link #names(Collection)}
   */
  public String svg(DiagramMarks marks, String title, String description) {
    return svg(marks, title, description, "process-diagram");
  }

  /** As {@link #svg(DiagramMarks, String, String)}, with the ids in the SVG starting with {@code idPrefix}. */
  public String svg(DiagramMarks marks, String title, String description, String idPrefix) {
    if (idPrefix == null || !ID_PREFIX.matcher(idPrefix).matches()) {
      throw new IllegalArgumentException("idPrefix must be an XML name: " + idPrefix);
    }
    return new DiagramRenderer(shapes, edges, marks == null ? DiagramMarks.none() : marks)
        .render(title == null ? "" : title, description == null ? "" : description, idPrefix);
  }

  /** The name of a model element (a step, flow, lane...), if it has one. */
  public Optional<String> name(String elementId) {
    return Optional.ofNullable(names.get(elementId));
  }

  /** The names of the given elements, in the given order, without the elements that have none. */
  public List<String> names(Collection<String> elementIds) {
    List<String> found = new ArrayList<>();
    for (String id : elementIds) {
      name(id).ifPresent(found::add);
    }
    return found;
  }

  /** The ids of the model elements this diagram draws (shapes and flows). */
  public Set<String> drawnElementIds() {
    Set<String> ids = new LinkedHashSet<>();
    shapes.forEach(shape -> ids.add(shape.id()));
    edges.forEach(edge -> ids.add(edge.id()));
    return ids;
  }

  // ---- reading the model ----

  private static Shape shape(BpmnShape di) {
    BaseElement element = di.getBpmnElement();
    String type = element.getElementType().getTypeName();
    Kind kind;
    boolean flag = false;
    EventTrigger trigger = EventTrigger.NONE;
    boolean throwing = false;
    boolean interrupting = true;
    Loop loop = Loop.NONE;
    String name = element.getAttributeValue("name");
    if (element instanceof Participant participant) {
      kind = Kind.PARTICIPANT;
      flag = participant.getProcess() != null && !"false".equals(di.getAttributeValue("isExpanded"));
    } else if (element instanceof Lane) {
      kind = Kind.LANE;
    } else if (element instanceof SubProcess subProcess && di.isExpanded()) {
      kind = Kind.SUB_PROCESS;
      flag = subProcess.triggeredByEvent();
      loop = loop(subProcess);
    } else if (element instanceof Activity activity) {
      kind = Kind.ACTIVITY;
      // a collapsed sub-process or a call activity: drawn with [+], as Camunda Modeler does
      flag = element instanceof SubProcess || element instanceof CallActivity;
      loop = loop(activity);
    } else if (element instanceof Event event) {
      kind = Kind.EVENT;
      trigger = trigger(event);
      throwing = event instanceof ThrowEvent;
      if (event instanceof StartEvent start) {
        interrupting = start.isInterrupting();
      } else if (event instanceof BoundaryEvent boundary) {
        interrupting = boundary.cancelActivity();
        flag = true;
      }
    } else if (element instanceof Gateway) {
      kind = Kind.GATEWAY;
      flag = di.isMarkerVisible();
    } else if (element instanceof Group group) {
      kind = Kind.GROUP;
      name = group.getCategory() == null ? null : group.getCategory().getValue();
    } else if (element instanceof TextAnnotation annotation) {
      kind = Kind.ANNOTATION;
      name = annotation.getText() == null ? null : annotation.getText().getTextContent();
    } else if (element instanceof DataObjectReference || element instanceof DataObject
        || element instanceof DataInput || element instanceof DataOutput) {
      kind = Kind.DATA_OBJECT;
    } else if (element instanceof DataStoreReference) {
      kind = Kind.DATA_STORE;
    } else {
      kind = Kind.OTHER;
    }
    return new Shape(element.getId(), kind, type, name == null ? "" : name.strip(), box(di.getBounds()),
        label(di.getBpmnLabel()), !"false".equals(di.getAttributeValue("isHorizontal")), flag, trigger, throwing,
        interrupting, loop, depth(element));
  }

  private static Loop loop(Activity activity) {
    if (activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics multi) {
      return multi.isSequential() ? Loop.SEQUENTIAL : Loop.PARALLEL;
    }
    if (!activity.getDomElement().getChildElementsByNameNs(BpmnModelConstants.BPMN20_NS,
        "standardLoopCharacteristics").isEmpty()) {
      return Loop.LOOP;
    }
    return Loop.NONE;
  }

  private static EventTrigger trigger(Event event) {
    Collection<EventDefinition> definitions;
    if (event instanceof CatchEvent catchEvent) {
      definitions = catchEvent.getEventDefinitions();
    } else if (event instanceof ThrowEvent throwEvent) {
      definitions = throwEvent.getEventDefinitions();
    } else {
      return EventTrigger.NONE;
    }
    if (definitions.size() > 1) {
      return EventTrigger.MULTIPLE;
    }
    if (definitions.isEmpty()) {
      return EventTrigger.NONE;
    }
    return switch (definitions.iterator().next().getElementType().getTypeName()) {
      case "timerEventDefinition" -> EventTrigger.TIMER;
      case "messageEventDefinition" -> EventTrigger.MESSAGE;
      case "signalEventDefinition" -> EventTrigger.SIGNAL;
      case "errorEventDefinition" -> EventTrigger.ERROR;
      case "escalationEventDefinition" -> EventTrigger.ESCALATION;
      case "conditionalEventDefinition" -> EventTrigger.CONDITIONAL;
      case "linkEventDefinition" -> EventTrigger.LINK;
      case "compensateEventDefinition" -> EventTrigger.COMPENSATION;
      case "cancelEventDefinition" -> EventTrigger.CANCEL;
      case "terminateEventDefinition" -> EventTrigger.TERMINATE;
      default -> EventTrigger.NONE;
    };
  }

  /** How many sub-processes the element sits in, so that inner ones are drawn over outer ones. */
  private static int depth(ModelElementInstance element) {
    int depth = 0;
    for (ModelElementInstance parent = element.getParentElement(); parent != null; parent = parent.getParentElement()) {
      if (parent instanceof SubProcess) {
        depth++;
      }
    }
    return depth;
  }

  private static Edge edge(BpmnEdge di) {
    BaseElement element = di.getBpmnElement();
    List<Point> points = new ArrayList<>();
    for (Waypoint waypoint : di.getWaypoints()) {
      points.add(new Point(waypoint.getX(), waypoint.getY()));
    }
    EdgeKind kind;
    boolean isDefault = false;
    boolean conditional = false;
    String direction = "None";
    if (element instanceof SequenceFlow flow) {
      kind = EdgeKind.SEQUENCE;
      ModelElementInstance source = flow.getSource();
      if (source != null) {
        isDefault = flow.getId().equals(source.getAttributeValue("default"))
            && (source instanceof Gateway || source instanceof Activity);
        conditional = flow.getConditionExpression() != null && source instanceof Activity;
      }
    } else if (element instanceof MessageFlow) {
      kind = EdgeKind.MESSAGE;
    } else if (element instanceof Association association) {
      kind = EdgeKind.ASSOCIATION;
      if (association.getAssociationDirection() != null) {
        direction = association.getAssociationDirection().name();
      }
    } else if (element instanceof DataAssociation) {
      kind = EdgeKind.DATA_ASSOCIATION;
      direction = "One";
    } else {
      kind = EdgeKind.OTHER;
    }
    String name = element.getAttributeValue("name");
    return new Edge(element.getId(), kind, name == null ? "" : name.strip(), points, label(di.getBpmnLabel()),
        isDefault, conditional, direction);
  }

  private static Box box(Bounds bounds) {
    return new Box(value(bounds.getX()), value(bounds.getY()), value(bounds.getWidth()), value(bounds.getHeight()));
  }

  private static double value(Double value) {
    return value == null || value.isNaN() || value.isInfinite() ? 0 : value;
  }

  private static Box label(BpmnLabel label) {
    return label == null || label.getBounds() == null ? null : box(label.getBounds());
  }

  // ---- what is drawn ----

  enum Kind { PARTICIPANT, LANE, SUB_PROCESS, GROUP, ACTIVITY, EVENT, GATEWAY, ANNOTATION, DATA_OBJECT, DATA_STORE, OTHER }

  enum EdgeKind { SEQUENCE, MESSAGE, ASSOCIATION, DATA_ASSOCIATION, OTHER }

  enum EventTrigger { NONE, TIMER, MESSAGE, SIGNAL, ERROR, ESCALATION, CONDITIONAL, LINK, COMPENSATION, CANCEL, TERMINATE, MULTIPLE }

  enum Loop { NONE, LOOP, PARALLEL, SEQUENTIAL }

  /** A rectangle of the diagram. */
  record Box(double x, double y, double width, double height) {
    double right() {
      return x + width;
    }

    double bottom() {
      return y + height;
    }

    double centerX() {
      return x + width / 2;
    }

    double centerY() {
      return y + height / 2;
    }
  }

  /**
   * One DI shape. {@code flag} depends on the kind: an expanded pool; an event sub-process; a
   * collapsed sub-process or call activity; a boundary event; a gateway with its marker shown.
   */
  record Shape(String id, Kind kind, String type, String name, Box bounds, Box label, boolean horizontal,
      boolean flag, EventTrigger trigger, boolean throwing, boolean interrupting, Loop loop, int depth) {}

  /** One DI edge. */
  record Edge(String id, EdgeKind kind, String name, List<Point> points, Box label, boolean isDefault,
      boolean conditional, String direction) {}
}
