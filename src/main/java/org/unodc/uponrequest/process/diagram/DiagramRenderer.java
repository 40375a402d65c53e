package org.unodc.uponrequest.process.diagram;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.unodc.uponrequest.process.diagram.ProcessDiagram.Box;
import org.unodc.uponrequest.process.diagram.ProcessDiagram.Edge;
import org.unodc.uponrequest.process.diagram.ProcessDiagram.Kind;
import org.unodc.uponrequest.process.diagram.ProcessDiagram.Shape;
import org.unodc.uponrequest.process.diagram.Svg.Point;

/**
 * Draws one {@link ProcessDiagram} with one set of {@link DiagramMarks}, in the sizes and strokes of
 * Camunda Modeler (bpmn-js) so the diagram reads the same as in the modeler: pools and lanes first,
 * then expanded sub-processes (outer before inner), groups, the flow nodes, boundary events, the
 * flows, the labels outside shapes, and the marks on top.
 */
final class DiagramRenderer {

  static final String INK = "#22242a";
  static final String PAPER = "#ffffff";
  /** Fill of a current step: 3.2:1 against white, so the shape stands out (WCAG 1.4.11); 6.5:1 under black text. */
  static final String CURRENT_FILL = "#4f94d4";
  /** Outline of a current step: 12.9:1 against white, 4:1 against {@link #CURRENT_FILL}. */
  static final String CURRENT_STROKE = "#0b2f6b";
  static final String CURRENT_TEXT = "#000000";
  /** Fill of a current expanded sub-process: light, as the steps inside it are drawn over it. */
  static final String CURRENT_CONTAINER_FILL = "#e6effa";
  /** Fill of a passed step: a light tint, with a check mark so it is not told by colour alone. */
  static final String DONE_FILL = "#dcebdc";
  /** Outline of the check mark and of passed flows: 7.7:1 against white. */
  static final String DONE_STROKE = "#1f5f2c";
  static final String FONT = "Arial, Helvetica, sans-serif";
  static final double FONT_SIZE = 12;
  static final double LABEL_FONT_SIZE = 11;
  static final double BADGE_FONT_SIZE = 10;
  static final double LINE_HEIGHT = 1.2;
  static final double MARGIN = 20;
  /** Width Camunda Modeler wraps the labels outside shapes to. */
  static final double EXTERNAL_LABEL_WIDTH = 90;
  static final double CURRENT_STROKE_WIDTH = 4;

  private final List<Shape> shapes;
  private final List<Edge> edges;
  private final DiagramMarks marks;
  private final Svg body = new Svg();
  private double minX = Double.POSITIVE_INFINITY;
  private double minY = Double.POSITIVE_INFINITY;
  private double maxX = Double.NEGATIVE_INFINITY;
  private double maxY = Double.NEGATIVE_INFINITY;

  DiagramRenderer(List<Shape> shapes, List<Edge> edges, DiagramMarks marks) {
    this.shapes = shapes;
    this.edges = edges;
    this.marks = marks;
  }

  String render(String title, String description, String idPrefix) {
    body.open("g", "stroke-linecap", "round", "stroke-linejoin", "round").newline();
    layer(Kind.PARTICIPANT, this::participant);
    layer(Kind.LANE, this::lane);
    shapes.stream().filter(shape -> shape.kind() == Kind.SUB_PROCESS)
        .sorted(Comparator.comparingInt(Shape::depth)).forEach(this::subProcess);
    layer(Kind.GROUP, this::group);
    for (Shape shape : shapes) {
      switch (shape.kind()) {
        case ACTIVITY -> activity(shape);
        case EVENT -> {
          if (!shape.flag()) {
            event(shape);
          }
        }
        case GATEWAY -> gateway(shape);
        case ANNOTATION -> annotation(shape);
        case DATA_OBJECT -> dataObject(shape);
        case DATA_STORE -> dataStore(shape);
        case OTHER -> other(shape);
        default -> { }
      }
    }
    shapes.stream().filter(shape -> shape.kind() == Kind.EVENT && shape.flag()).forEach(this::event);
    edges.forEach(this::edge);
    body.open("g", "data-layer", "labels").newline();
    for (Shape shape : shapes) {
      if (shape.kind() == Kind.EVENT || shape.kind() == Kind.GATEWAY || shape.kind() == Kind.DATA_OBJECT
          || shape.kind() == Kind.DATA_STORE) {
        externalLabel(shape.id(), shape.name(), shape.label(), shape.bounds());
      } else if (shape.kind() == Kind.GROUP) {
        groupLabel(shape);
      }
    }
    for (Edge edge : edges) {
      edgeLabel(edge);
    }
    body.close("g").newline();
    body.open("g", "data-layer", "marks").newline();
    shapes.forEach(this::stateMark);
    shapes.forEach(this::elementBadge);
    edges.forEach(this::flowBadge);
    body.close("g").newline();
    body.close("g").newline();

    if (minX > maxX) {
      minX = minY = 0;
      maxX = maxY = 100;
    }
    double x = Math.floor(minX - MARGIN);
    double y = Math.floor(minY - MARGIN);
    double width = Math.ceil(maxX + MARGIN) - x;
    double height = Math.ceil(maxY + MARGIN) - y;
    String titleId = idPrefix + "-title";
    String descId = idPrefix + "-desc";
    Svg svg = new Svg();
    svg.open("svg", "xmlns", "http://www.w3.org/2000/svg", "id", idPrefix, "width", "100%",
        "viewBox", Svg.number(x) + " " + Svg.number(y) + " " + Svg.number(width) + " " + Svg.number(height),
        "role", "img", "aria-labelledby", titleId + " " + descId, "font-family", FONT, "font-size", FONT_SIZE,
        "direction", "ltr", "data-process-diagram", "bpmn").newline();
    svg.element("title", title, "id", titleId).newline();
    svg.element("desc", description, "id", descId).newline();
    return svg + body.toString() + "</svg>\n";
  }

  private void layer(Kind kind, Consumer<Shape> draw) {
    shapes.stream().filter(shape -> shape.kind() == kind).forEach(draw);
  }

  // ---- extent ----

  private void cover(Box box) {
    cover(box.x(), box.y(), box.right(), box.bottom());
  }

  private void cover(double x1, double y1, double x2, double y2) {
    minX = Math.min(minX, Math.min(x1, x2));
    minY = Math.min(minY, Math.min(y1, y2));
    maxX = Math.max(maxX, Math.max(x1, x2));
    maxY = Math.max(maxY, Math.max(y1, y2));
  }

  // ---- state ----

  private boolean current(String id) {
    return marks.isCurrent(id);
  }

  private boolean done(String id) {
    return marks.isDone(id);
  }

  private String state(String id) {
    return current(id) ? "current" : done(id) ? "done" : null;
  }

  private String fill(String id) {
    return current(id) ? CURRENT_FILL : done(id) ? DONE_FILL : PAPER;
  }

  private String stroke(String id) {
    return current(id) ? CURRENT_STROKE : INK;
  }

  private double strokeWidth(String id, double normal) {
    return current(id) ? Math.max(normal + 2, CURRENT_STROKE_WIDTH) : normal;
  }

  private String textFill(String id) {
    return current(id) ? CURRENT_TEXT : INK;
  }

  private void openShape(Shape shape, String kind) {
    body.open("g", "data-element-id", shape.id(), "data-kind", kind, "data-state", state(shape.id()));
    cover(shape.bounds());
  }

  // ---- pools, lanes, containers ----

  private void participant(Shape shape) {
    Box b = shape.bounds();
    openShape(shape, "participant");
    body.empty("rect", "x", b.x(), "y", b.y(), "width", b.width(), "height", b.height(), "fill", PAPER,
        "stroke", INK, "stroke-width", 1.5);
    if (shape.flag()) {
      if (shape.horizontal()) {
        body.empty("line", "x1", b.x() + 30, "y1", b.y(), "x2", b.x() + 30, "y2", b.bottom(), "stroke", INK,
            "stroke-width", 1.5);
      } else {
        body.empty("line", "x1", b.x(), "y1", b.y() + 30, "x2", b.right(), "y2", b.y() + 30, "stroke", INK,
            "stroke-width", 1.5);
      }
      bandLabel(shape);
    } else {
      centeredText(shape.name(), b, 7, FONT_SIZE, INK);
    }
    body.close("g").newline();
  }

  private void lane(Shape shape) {
    Box b = shape.bounds();
    openShape(shape, "lane");
    body.empty("rect", "x", b.x(), "y", b.y(), "width", b.width(), "height", b.height(), "fill", "none",
        "stroke", INK, "stroke-width", 1.5);
    bandLabel(shape);
    body.close("g").newline();
  }

  /** The name of a pool or lane in its 30 px band: written bottom to top when the band is at the left. */
  private void bandLabel(Shape shape) {
    Box b = shape.bounds();
    if (shape.name().isEmpty()) {
      return;
    }
    if (shape.horizontal()) {
      double cx = b.x() + 15;
      double cy = b.centerY();
      List<String> lines = TextMetrics.wrap(shape.name(), b.height() - 10, FONT_SIZE);
      double lineHeight = FONT_SIZE * LINE_HEIGHT;
      double first = cy - lines.size() * lineHeight / 2 - lineHeight / 4 + lineHeight;
      lines(lines, cx, first, lineHeight, "middle", FONT_SIZE, INK,
          "transform", "rotate(-90 " + Svg.number(cx) + " " + Svg.number(cy) + ")");
    } else {
      centeredText(shape.name(), new Box(b.x(), b.y(), b.width(), 30), 5, FONT_SIZE, INK);
    }
  }

  private void subProcess(Shape shape) {
    Box b = shape.bounds();
    openShape(shape, "sub-process");
    String id = shape.id();
    boolean transaction = "transaction".equals(shape.type());
    boolean eventSubProcess = shape.flag();
    double width = eventSubProcess ? (current(id) ? 4 : 2.5) : strokeWidth(id, transaction ? 1.5 : 2);
    body.empty("rect", "x", b.x(), "y", b.y(), "width", b.width(), "height", b.height(), "rx", 10, "ry", 10,
        "fill", current(id) ? CURRENT_CONTAINER_FILL : fill(id), "stroke", stroke(id), "stroke-width", width,
        "stroke-dasharray", eventSubProcess ? (current(id) ? "0 8" : "0 5.5") : null);
    if (transaction) {
      body.empty("rect", "x", b.x() + 3, "y", b.y() + 3, "width", b.width() - 6, "height", b.height() - 6,
          "rx", 7, "ry", 7, "fill", "none", "stroke", stroke(id), "stroke-width", 1.5);
    }
    List<String> lines = TextMetrics.wrap(shape.name(), b.width() - 14, FONT_SIZE);
    double lineHeight = FONT_SIZE * LINE_HEIGHT;
    lines(lines, b.centerX(), b.y() + 7 - lineHeight / 4 + lineHeight, lineHeight, "middle", FONT_SIZE,
        textFill(id));
    Glyphs.activityMarkers(body, b, shape.loop(), false, stroke(id));
    body.close("g").newline();
  }

  private void group(Shape shape) {
    Box b = shape.bounds();
    openShape(shape, "group");
    body.empty("rect", "x", b.x(), "y", b.y(), "width", b.width(), "height", b.height(), "rx", 10, "ry", 10,
        "fill", "none", "stroke", INK, "stroke-width", 1.5, "stroke-dasharray", "10 6 0 6");
    body.close("g").newline();
  }

  // ---- flow nodes ----

  private void activity(Shape shape) {
    Box b = shape.bounds();
    String id = shape.id();
    openShape(shape, "activity");
    boolean call = "callActivity".equals(shape.type());
    body.empty("rect", "x", b.x(), "y", b.y(), "width", b.width(), "height", b.height(), "rx", 10, "ry", 10,
        "fill", fill(id), "stroke", stroke(id), "stroke-width", strokeWidth(id, call ? 5 : 2));
    if ("transaction".equals(shape.type())) {
      body.empty("rect", "x", b.x() + 3, "y", b.y() + 3, "width", b.width() - 6, "height", b.height() - 6,
          "rx", 7, "ry", 7, "fill", "none", "stroke", stroke(id), "stroke-width", 1.5);
    }
    Glyphs.taskIcon(body, shape.type(), b.x(), b.y(), stroke(id), fill(id));
    centeredText(shape.name(), b, 7, FONT_SIZE, textFill(id));
    Glyphs.activityMarkers(body, b, shape.loop(), shape.flag(), stroke(id));
    body.close("g").newline();
  }

  private void event(Shape shape) {
    Box b = shape.bounds();
    String id = shape.id();
    openShape(shape, shape.flag() ? "boundary-event" : "event");
    double r = Math.round((b.width() + b.height()) / 4);
    String type = shape.type();
    boolean end = "endEvent".equals(type);
    boolean start = "startEvent".equals(type);
    double normal = end ? 4 : start ? 2 : 1.5;
    String dash = shape.interrupting() ? null : "6";
    body.empty("circle", "cx", b.centerX(), "cy", b.centerY(), "r", r, "fill", fill(id), "stroke", stroke(id),
        "stroke-width", strokeWidth(id, normal), "stroke-dasharray", dash);
    if (!start && !end) {
      body.empty("circle", "cx", b.centerX(), "cy", b.centerY(), "r", r - 3, "fill", "none", "stroke", stroke(id),
          "stroke-width", 1.5, "stroke-dasharray", dash);
    }
    Glyphs.eventIcon(body, shape.trigger(), shape.throwing(), b, stroke(id), fill(id));
    body.close("g").newline();
  }

  private void gateway(Shape shape) {
    Box b = shape.bounds();
    String id = shape.id();
    openShape(shape, "gateway");
    body.empty("polygon", "points", Svg.points(List.of(new Point(b.centerX(), b.y()), new Point(b.right(), b.centerY()),
            new Point(b.centerX(), b.bottom()), new Point(b.x(), b.centerY()))),
        "fill", fill(id), "stroke", stroke(id), "stroke-width", strokeWidth(id, 2));
    Glyphs.gatewayIcon(body, shape.type(), shape.flag(), b, stroke(id), fill(id));
    body.close("g").newline();
  }

  private void annotation(Shape shape) {
    Box b = shape.bounds();
    openShape(shape, "annotation");
    body.empty("path", "d", "M " + Svg.number(b.x() + 10) + " " + Svg.number(b.y()) + " H " + Svg.number(b.x())
        + " V " + Svg.number(b.bottom()) + " H " + Svg.number(b.x() + 10), "fill", "none", "stroke", INK,
        "stroke-width", 2);
    List<String> lines = TextMetrics.wrap(shape.name(), b.width() - 14, FONT_SIZE);
    double lineHeight = FONT_SIZE * LINE_HEIGHT;
    lines(lines, b.x() + 7, b.y() + 7 - lineHeight / 4 + lineHeight, lineHeight, "start", FONT_SIZE, INK);
    body.close("g").newline();
  }

  private void dataObject(Shape shape) {
    Box b = shape.bounds();
    String id = shape.id();
    openShape(shape, "data-object");
    double fold = Math.min(10, b.width() / 3);
    body.empty("path", "d", "M " + Svg.number(b.x()) + " " + Svg.number(b.y()) + " H " + Svg.number(b.right() - fold)
        + " L " + Svg.number(b.right()) + " " + Svg.number(b.y() + fold) + " V " + Svg.number(b.bottom())
        + " H " + Svg.number(b.x()) + " Z", "fill", fill(id), "stroke", stroke(id),
        "stroke-width", strokeWidth(id, 2));
    body.empty("path", "d", "M " + Svg.number(b.right() - fold) + " " + Svg.number(b.y()) + " V "
        + Svg.number(b.y() + fold) + " H " + Svg.number(b.right()), "fill", "none", "stroke", stroke(id),
        "stroke-width", 1.5);
    body.close("g").newline();
  }

  private void dataStore(Shape shape) {
    Box b = shape.bounds();
    String id = shape.id();
    openShape(shape, "data-store");
    double ry = Math.min(8, b.height() / 6);
    String rx = Svg.number(b.width() / 2);
    String r = rx + " " + Svg.number(ry);
    body.empty("path", "d", "M " + Svg.number(b.x()) + " " + Svg.number(b.y() + ry)
        + " A " + r + " 0 0 1 " + Svg.number(b.right()) + " " + Svg.number(b.y() + ry)
        + " V " + Svg.number(b.bottom() - ry)
        + " A " + r + " 0 0 1 " + Svg.number(b.x()) + " " + Svg.number(b.bottom() - ry) + " Z",
        "fill", fill(id), "stroke", stroke(id), "stroke-width", strokeWidth(id, 2));
    body.empty("path", "d", "M " + Svg.number(b.x()) + " " + Svg.number(b.y() + ry)
        + " A " + r + " 0 0 0 " + Svg.number(b.right()) + " " + Svg.number(b.y() + ry), "fill", "none",
        "stroke", stroke(id), "stroke-width", 1.5);
    body.close("g").newline();
  }

  private void other(Shape shape) {
    Box b = shape.bounds();
    openShape(shape, "other");
    body.empty("rect", "x", b.x(), "y", b.y(), "width", b.width(), "height", b.height(), "fill", "none",
        "stroke", INK, "stroke-width", 1, "stroke-dasharray", "4 4");
    centeredText(shape.name(), b, 5, FONT_SIZE, INK);
    body.close("g").newline();
  }

  // ---- flows ----

  private void edge(Edge edge) {
    List<Point> points = edge.points();
    points.forEach(point -> cover(point.x(), point.y(), point.x(), point.y()));
    String id = edge.id();
    String color = done(id) || current(id) ? DONE_STROKE : INK;
    String kind = switch (edge.kind()) {
      case SEQUENCE -> "sequence-flow";
      case MESSAGE -> "message-flow";
      case ASSOCIATION -> "association";
      case DATA_ASSOCIATION -> "data-association";
      case OTHER -> "connection";
    };
    body.open("g", "data-element-id", id, "data-kind", kind, "data-state", done(id) || current(id) ? "done" : null);
    switch (edge.kind()) {
      case SEQUENCE -> {
        body.empty("polyline", "points", Svg.points(points), "fill", "none", "stroke", color,
            "stroke-width", done(id) || current(id) ? 3 : 2);
        Glyphs.arrowHead(body, points, 10, 5, color, color);
        if (edge.isDefault()) {
          Glyphs.defaultMarker(body, points, color);
        } else if (edge.conditional()) {
          Glyphs.conditionalMarker(body, points, color);
        }
      }
      case MESSAGE -> {
        body.empty("polyline", "points", Svg.points(points), "fill", "none", "stroke", color,
            "stroke-width", 1.5, "stroke-dasharray", "10 11");
        Point first = points.get(0);
        body.empty("circle", "cx", first.x(), "cy", first.y(), "r", 3.5, "fill", PAPER, "stroke", color,
            "stroke-width", 1);
        Glyphs.arrowHead(body, points, 8, 3.5, PAPER, color);
      }
      case ASSOCIATION, DATA_ASSOCIATION -> {
        body.empty("polyline", "points", Svg.points(points), "fill", "none", "stroke", color,
            "stroke-width", 1.5, "stroke-dasharray", "0.5 5");
        if ("One".equals(edge.direction()) || "Both".equals(edge.direction())) {
          Glyphs.openArrowHead(body, points, color);
        }
        if ("Both".equals(edge.direction())) {
          Glyphs.openArrowHead(body, Glyphs.reversed(points), color);
        }
      }
      case OTHER -> body.empty("polyline", "points", Svg.points(points), "fill", "none", "stroke", color,
          "stroke-width", 1.5);
    }
    body.close("g").newline();
  }

  // ---- labels ----

  /**
   * A label outside its shape, as Camunda Modeler writes it: wrapped at 90 px, centred on its DI
   * label bounds and hanging from their top; below the shape when the DI has no label bounds.
   */
  private void externalLabel(String id, String name, Box label, Box shape) {
    if (name.isEmpty()) {
      return;
    }
    double lineHeight = LABEL_FONT_SIZE * LINE_HEIGHT;
    List<String> lines = TextMetrics.wrap(name, EXTERNAL_LABEL_WIDTH, LABEL_FONT_SIZE);
    double cx;
    double top;
    if (label != null) {
      cx = label.centerX();
      top = label.y();
    } else {
      cx = shape.centerX();
      top = shape.bottom() + 5;
    }
    labelText(id, lines, cx, top, lineHeight);
  }

  private void edgeLabel(Edge edge) {
    Box box = edgeLabelBox(edge);
    if (box != null) {
      labelText(edge.id(), TextMetrics.wrap(edge.name(), EXTERNAL_LABEL_WIDTH, LABEL_FONT_SIZE), box.centerX(),
          box.y(), LABEL_FONT_SIZE * LINE_HEIGHT);
    }
  }

  private void groupLabel(Shape shape) {
    if (shape.name().isEmpty()) {
      return;
    }
    double lineHeight = LABEL_FONT_SIZE * LINE_HEIGHT;
    Box b = shape.bounds();
    if (shape.label() != null) {
      List<String> lines = TextMetrics.wrap(shape.name(), Math.max(EXTERNAL_LABEL_WIDTH, shape.label().width()),
          LABEL_FONT_SIZE);
      labelText(shape.id(), lines, shape.label().centerX(), shape.label().y(), lineHeight);
    } else {
      List<String> lines = TextMetrics.wrap(shape.name(), Math.max(EXTERNAL_LABEL_WIDTH, b.width() - 20),
          LABEL_FONT_SIZE);
      labelText(shape.id(), lines, b.centerX(), b.y() + 5, lineHeight);
    }
  }

  private void labelText(String id, List<String> lines, double cx, double top, double lineHeight) {
    double widest = lines.stream().mapToDouble(line -> TextMetrics.width(line, LABEL_FONT_SIZE)).max().orElse(0);
    cover(cx - widest / 2, top, cx + widest / 2, top + lines.size() * lineHeight);
    lines(lines, cx, top - lineHeight / 4 + lineHeight, lineHeight, "middle", LABEL_FONT_SIZE, INK,
        "data-label-for", id);
  }

  /** A name centred in a box, as Camunda Modeler writes it in tasks: wrapped inside the padding. */
  private void centeredText(String text, Box box, double padding, double fontSize, String fill) {
    List<String> lines = TextMetrics.wrap(text, box.width() - 2 * padding, fontSize);
    double lineHeight = fontSize * LINE_HEIGHT;
    double first = box.y() + (box.height() - lines.size() * lineHeight) / 2 - lineHeight / 4 + lineHeight;
    lines(lines, box.centerX(), first, lineHeight, "middle", fontSize, fill);
  }

  /** One {@code <text>}, with a {@code <tspan>} per line when there are several. */
  private void lines(List<String> lines, double x, double firstBaseline, double lineHeight, String anchor,
      double fontSize, String fill, Object... more) {
    if (lines.isEmpty()) {
      return;
    }
    Object[] attributes = {"x", x, "y", firstBaseline, "text-anchor", anchor,
        "font-size", fontSize == FONT_SIZE ? null : fontSize, "fill", fill, "stroke", "none"};
    Object[] all = new Object[attributes.length + more.length];
    System.arraycopy(attributes, 0, all, 0, attributes.length);
    System.arraycopy(more, 0, all, attributes.length, more.length);
    if (lines.size() == 1) {
      body.element("text", lines.get(0), all);
    } else {
      body.open("text", all);
      for (int i = 0; i < lines.size(); i++) {
        body.element("tspan", lines.get(i), "x", x, "y", firstBaseline + i * lineHeight);
      }
      body.close("text");
    }
    body.newline();
  }

  // ---- marks ----

  /** "▶" on a current step, a check mark on a passed one: shapes, so they need no font. */
  private void stateMark(Shape shape) {
    String id = shape.id();
    if (shape.kind() == Kind.PARTICIPANT || shape.kind() == Kind.LANE || shape.kind() == Kind.GROUP) {
      return;
    }
    Box b = shape.bounds();
    // at the top-left corner; on a gateway, against its top-left side
    double inset = shape.kind() == Kind.GATEWAY ? Math.min(b.width(), b.height()) / 4 - 4 : -2;
    double cx = b.x() + inset;
    double cy = b.y() + inset;
    if (current(id)) {
      cover(cx - 10, cy - 10, cx + 10, cy + 10);
      body.open("g", "data-mark-for", id, "data-mark", "current");
      body.empty("circle", "cx", cx, "cy", cy, "r", 10, "fill", CURRENT_STROKE, "stroke", PAPER, "stroke-width", 1.5);
      body.empty("polygon", "points", Svg.points(List.of(new Point(cx - 3.5, cy - 5.5), new Point(cx + 5.5, cy),
          new Point(cx - 3.5, cy + 5.5))), "fill", PAPER, "stroke", "none");
      body.close("g").newline();
    } else if (done(id)) {
      cover(cx - 9, cy - 9, cx + 9, cy + 9);
      body.open("g", "data-mark-for", id, "data-mark", "done");
      body.empty("circle", "cx", cx, "cy", cy, "r", 8, "fill", DONE_STROKE, "stroke", PAPER, "stroke-width", 1.5);
      body.empty("polyline", "points", Svg.points(List.of(new Point(cx - 4, cy), new Point(cx - 1, cy + 3),
          new Point(cx + 4, cy - 3))), "fill", "none", "stroke", PAPER, "stroke-width", 2);
      body.close("g").newline();
    }
  }

  private void elementBadge(Shape shape) {
    String text = marks.elementBadges().get(shape.id());
    if (text == null || text.isBlank()) {
      return;
    }
    Box b = shape.bounds();
    double width = TextMetrics.width(text, BADGE_FONT_SIZE) + 10;
    badge(shape.id(), text, Math.max(b.right() + 6 - width, b.x() + 6), b.y() - 9, width);
  }

  /**
   * A badge on a flow: half way along it, or further along (then back) when the flow's own label
   * would be under it.
   */
  private void flowBadge(Edge edge) {
    String text = marks.flowBadges().get(edge.id());
    if (text == null || text.isBlank()) {
      return;
    }
    double width = TextMetrics.width(text, BADGE_FONT_SIZE) + 10;
    Box label = edgeLabelBox(edge);
    Point at = Glyphs.along(edge.points(), 0.5);
    for (double fraction : new double[] {0.5, 0.7, 0.3, 0.85, 0.15}) {
      Point candidate = Glyphs.along(edge.points(), fraction);
      if (label == null || !overlaps(label, new Box(candidate.x() - width / 2, candidate.y() - 9, width, 18))) {
        at = candidate;
        break;
      }
    }
    badge(edge.id(), text, at.x() - width / 2, at.y() - 9, width);
  }

  /** Where the name of a flow is written, as {@link #edgeLabel} writes it; null for a flow without name. */
  private Box edgeLabelBox(Edge edge) {
    if (edge.name().isEmpty()) {
      return null;
    }
    double lineHeight = LABEL_FONT_SIZE * LINE_HEIGHT;
    List<String> lines = TextMetrics.wrap(edge.name(), EXTERNAL_LABEL_WIDTH, LABEL_FONT_SIZE);
    double widest = lines.stream().mapToDouble(line -> TextMetrics.width(line, LABEL_FONT_SIZE)).max().orElse(0);
    double height = lines.size() * lineHeight;
    if (edge.label() != null) {
      return new Box(edge.label().centerX() - widest / 2, edge.label().y(), widest, height);
    }
    Point middle = Glyphs.along(edge.points(), 0.5);
    return new Box(middle.x() - widest / 2, middle.y() - 4 - height, widest, height);
  }

  private static boolean overlaps(Box a, Box b) {
    return a.x() < b.right() && b.x() < a.right() && a.y() < b.bottom() && b.y() < a.bottom();
  }

  private void badge(String id, String text, double x, double y, double width) {
    cover(x, y, x + width, y + 18);
    body.open("g", "data-badge-for", id);
    body.empty("rect", "x", x, "y", y, "width", width, "height", 18, "rx", 9, "ry", 9, "fill", INK,
        "stroke", PAPER, "stroke-width", 1);
    body.element("text", text.strip(), "x", x + width / 2, "y", y + 12.5, "text-anchor", "middle",
        "font-size", BADGE_FONT_SIZE, "font-weight", "bold", "fill", PAPER, "stroke", "none");
    body.close("g").newline();
  }
}
