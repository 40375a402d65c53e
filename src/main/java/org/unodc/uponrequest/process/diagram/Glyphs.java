package org.unodc.uponrequest.process.diagram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.unodc.uponrequest.process.diagram.ProcessDiagram.Box;
import org.unodc.uponrequest.process.diagram.ProcessDiagram.EventTrigger;
import org.unodc.uponrequest.process.diagram.ProcessDiagram.Loop;
import org.unodc.uponrequest.process.diagram.Svg.Point;

/**
 * The small symbols of BPMN, drawn with plain shapes at the sizes Camunda Modeler uses: task-type
 * icons, loop and sub-process markers, event triggers, gateway markers and arrowheads. Modest on
 * purpose: a reader should recognise them, not admire them.
 */
final class Glyphs {

  private Glyphs() {}

  // ---- activities ----

  /** The task-type icon in the top-left corner of a task; nothing for plain tasks and call activities. */
  static void taskIcon(Svg svg, String type, double x, double y, String stroke, String fill) {
    switch (type) {
      case "userTask" -> {
        svg.empty("path", "d", "M " + n(x + 7) + " " + n(y + 26) + " V " + n(y + 23) + " Q " + n(x + 7) + " "
            + n(y + 18) + " " + n(x + 15) + " " + n(y + 18) + " Q " + n(x + 23) + " " + n(y + 18) + " " + n(x + 23)
            + " " + n(y + 23) + " V " + n(y + 26) + " Z", "fill", fill, "stroke", stroke, "stroke-width", 1);
        svg.empty("circle", "cx", x + 15, "cy", y + 13, "r", 4.5, "fill", fill, "stroke", stroke, "stroke-width", 1);
      }
      case "serviceTask" -> {
        gear(svg, x + 15, y + 15, 7, 5, stroke, fill);
        gear(svg, x + 20, y + 20, 7, 5, stroke, fill);
      }
      case "businessRuleTask" -> {
        svg.empty("rect", "x", x + 8, "y", y + 8, "width", 18, "height", 13, "fill", fill, "stroke", stroke,
            "stroke-width", 1);
        svg.empty("rect", "x", x + 8, "y", y + 8, "width", 18, "height", 4, "fill", stroke, "stroke", stroke,
            "stroke-width", 1);
        svg.empty("path", "d", "M " + n(x + 8) + " " + n(y + 16.5) + " H " + n(x + 26) + " M " + n(x + 13) + " "
            + n(y + 12) + " V " + n(y + 21), "fill", "none", "stroke", stroke, "stroke-width", 1);
      }
      case "sendTask" -> envelope(svg, x + 17, y + 15, 1, true, stroke, fill);
      case "receiveTask" -> envelope(svg, x + 17, y + 15, 1, false, stroke, fill);
      case "scriptTask" -> {
        svg.empty("path", "d", "M " + n(x + 10) + " " + n(y + 8) + " H " + n(x + 24) + " Q " + n(x + 20) + " "
            + n(y + 14) + " " + n(x + 24) + " " + n(y + 22) + " H " + n(x + 10) + " Q " + n(x + 14) + " "
            + n(y + 14) + " " + n(x + 10) + " " + n(y + 8) + " Z", "fill", fill, "stroke", stroke,
            "stroke-width", 1);
        svg.empty("path", "d", "M " + n(x + 13) + " " + n(y + 12) + " H " + n(x + 20) + " M " + n(x + 14) + " "
            + n(y + 15) + " H " + n(x + 21) + " M " + n(x + 14) + " " + n(y + 18) + " H " + n(x + 21),
            "fill", "none", "stroke", stroke, "stroke-width", 1);
      }
      case "manualTask" -> svg.empty("path", "d", "M " + n(x + 8) + " " + n(y + 13) + " L " + n(x + 14) + " "
          + n(y + 9) + " H " + n(x + 25) + " V " + n(y + 12) + " H " + n(x + 18) + " M " + n(x + 25) + " "
          + n(y + 12) + " V " + n(y + 15) + " H " + n(x + 18) + " M " + n(x + 24) + " " + n(y + 15) + " V "
          + n(y + 18) + " H " + n(x + 18) + " M " + n(x + 22) + " " + n(y + 18) + " V " + n(y + 21) + " H "
          + n(x + 10) + " L " + n(x + 8) + " " + n(y + 19) + " Z", "fill", fill, "stroke", stroke,
          "stroke-width", 1);
      default -> { }
    }
  }

  private static void gear(Svg svg, double cx, double cy, double outer, double inner, String stroke, String fill) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      double angle = Math.toRadians(i * 11.25 + 5.625);
      double r = (i % 4 == 0 || i % 4 == 1) ? outer : inner;
      points.add(new Point(cx + r * Math.cos(angle), cy + r * Math.sin(angle)));
    }
    svg.empty("polygon", "points", Svg.points(points), "fill", fill, "stroke", stroke, "stroke-width", 1);
    svg.empty("circle", "cx", cx, "cy", cy, "r", 2, "fill", fill, "stroke", stroke, "stroke-width", 1);
  }

  /** Loop, multi-instance and collapsed sub-process markers, side by side at the bottom centre. */
  static void activityMarkers(Svg svg, Box b, Loop loop, boolean collapsed, String stroke) {
    int count = (loop == Loop.NONE ? 0 : 1) + (collapsed ? 1 : 0);
    if (count == 0) {
      return;
    }
    double size = 14;
    double x = b.centerX() - (count * size + (count - 1) * 4) / 2;
    double y = b.bottom() - size - 4;
    if (loop != Loop.NONE) {
      switch (loop) {
        case PARALLEL -> svg.empty("path", "d", "M " + n(x + 3) + " " + n(y + 1) + " V " + n(y + 13) + " M "
            + n(x + 7) + " " + n(y + 1) + " V " + n(y + 13) + " M " + n(x + 11) + " " + n(y + 1) + " V " + n(y + 13),
            "fill", "none", "stroke", stroke, "stroke-width", 2, "stroke-linecap", "butt");
        case SEQUENTIAL -> svg.empty("path", "d", "M " + n(x + 1) + " " + n(y + 3) + " H " + n(x + 13) + " M "
            + n(x + 1) + " " + n(y + 7) + " H " + n(x + 13) + " M " + n(x + 1) + " " + n(y + 11) + " H " + n(x + 13),
            "fill", "none", "stroke", stroke, "stroke-width", 2, "stroke-linecap", "butt");
        default -> {
          svg.empty("path", "d", "M " + n(x + 3) + " " + n(y + 11) + " A 5.5 5.5 0 1 1 " + n(x + 11) + " "
              + n(y + 11), "fill", "none", "stroke", stroke, "stroke-width", 1.5);
          svg.empty("polyline", "points", Svg.points(List.of(new Point(x + 0.5, y + 8.5), new Point(x + 3, y + 11),
              new Point(x + 6, y + 9))), "fill", "none", "stroke", stroke, "stroke-width", 1.5);
        }
      }
      x += size + 4;
    }
    if (collapsed) {
      svg.empty("rect", "x", x, "y", y, "width", size, "height", size, "fill", "none", "stroke", stroke,
          "stroke-width", 1.5);
      svg.empty("path", "d", "M " + n(x + 3) + " " + n(y + 7) + " H " + n(x + 11) + " M " + n(x + 7) + " " + n(y + 3)
          + " V " + n(y + 11), "fill", "none", "stroke", stroke, "stroke-width", 1.5);
    }
  }

  // ---- events ----

  /** The trigger inside an event circle; filled when the event throws. */
  static void eventIcon(Svg svg, EventTrigger trigger, boolean throwing, Box b, String stroke, String fill) {
    double cx = b.centerX();
    double cy = b.centerY();
    double s = (b.width() + b.height()) / 72;
    String solid = throwing ? stroke : "none";
    switch (trigger) {
      case TIMER -> {
        svg.empty("circle", "cx", cx, "cy", cy, "r", 11 * s, "fill", fill, "stroke", stroke, "stroke-width", 1.5);
        StringBuilder ticks = new StringBuilder();
        for (int i = 0; i < 12; i++) {
          double angle = Math.toRadians(i * 30);
          ticks.append(i == 0 ? "M " : " M ").append(n(cx + 8.5 * s * Math.cos(angle))).append(' ')
              .append(n(cy + 8.5 * s * Math.sin(angle))).append(" L ").append(n(cx + 10.5 * s * Math.cos(angle)))
              .append(' ').append(n(cy + 10.5 * s * Math.sin(angle)));
        }
        svg.empty("path", "d", ticks.toString(), "fill", "none", "stroke", stroke, "stroke-width", 1);
        svg.empty("path", "d", "M " + n(cx) + " " + n(cy - 7 * s) + " L " + n(cx) + " " + n(cy) + " L "
            + n(cx + 5 * s) + " " + n(cy - 2.5 * s), "fill", "none", "stroke", stroke, "stroke-width", 1.5);
      }
      case MESSAGE -> envelope(svg, cx, cy, s, throwing, stroke, fill);
      case SIGNAL -> polygon(svg, cx, cy, s, new double[] {0, -9, 8, 5.5, -8, 5.5}, solid, stroke);
      case ERROR -> polygon(svg, cx, cy, s, new double[] {-7, 8, -2.5, -7, 1.5, 0, 7, -8, 2.5, 7, -1.5, 0}, solid,
          stroke);
      case ESCALATION -> polygon(svg, cx, cy, s, new double[] {0, -9, 6.5, 8, 0, 2, -6.5, 8}, solid, stroke);
      case LINK -> polygon(svg, cx, cy, s, new double[] {-7, -3, 1, -3, 1, -7.5, 8, 0, 1, 7.5, 1, 3, -7, 3}, solid,
          stroke);
      case COMPENSATION -> {
        polygon(svg, cx, cy, s, new double[] {-8.5, 0, -0.5, -6, -0.5, 6}, solid, stroke);
        polygon(svg, cx, cy, s, new double[] {-0.5, 0, 7.5, -6, 7.5, 6}, solid, stroke);
      }
      case MULTIPLE -> polygon(svg, cx, cy, s, new double[] {0, -8.5, 8, -2.5, 5, 7, -5, 7, -8, -2.5}, solid, stroke);
      case CONDITIONAL -> {
        svg.empty("rect", "x", cx - 6 * s, "y", cy - 8 * s, "width", 12 * s, "height", 16 * s, "fill", fill,
            "stroke", stroke, "stroke-width", 1.5);
        svg.empty("path", "d", "M " + n(cx - 4 * s) + " " + n(cy - 4 * s) + " H " + n(cx + 4 * s) + " M "
            + n(cx - 4 * s) + " " + n(cy) + " H " + n(cx + 4 * s) + " M " + n(cx - 4 * s) + " " + n(cy + 4 * s)
            + " H " + n(cx + 4 * s), "fill", "none", "stroke", stroke, "stroke-width", 1);
      }
      case CANCEL -> svg.empty("path", "d", "M " + n(cx - 6 * s) + " " + n(cy - 6 * s) + " L " + n(cx + 6 * s) + " "
          + n(cy + 6 * s) + " M " + n(cx + 6 * s) + " " + n(cy - 6 * s) + " L " + n(cx - 6 * s) + " "
          + n(cy + 6 * s), "fill", "none", "stroke", stroke, "stroke-width", 3.5);
      case TERMINATE -> svg.empty("circle", "cx", cx, "cy", cy, "r", 9 * s, "fill", stroke, "stroke", stroke,
          "stroke-width", 1);
      default -> { }
    }
  }

  private static void polygon(Svg svg, double cx, double cy, double s, double[] xy, String fill, String stroke) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < xy.length; i += 2) {
      points.add(new Point(cx + xy[i] * s, cy + xy[i + 1] * s));
    }
    svg.empty("polygon", "points", Svg.points(points), "fill", fill, "stroke", stroke, "stroke-width", 1.5);
  }

  private static void envelope(Svg svg, double cx, double cy, double s, boolean solid, String stroke, String fill) {
    double w = 9 * s;
    double h = 6 * s;
    svg.empty("rect", "x", cx - w, "y", cy - h, "width", 2 * w, "height", 2 * h, "fill", solid ? stroke : fill,
        "stroke", stroke, "stroke-width", 1);
    svg.empty("polyline", "points", Svg.points(List.of(new Point(cx - w, cy - h), new Point(cx, cy + h / 6),
        new Point(cx + w, cy - h))), "fill", "none", "stroke", solid ? fill : stroke, "stroke-width", 1);
  }

  // ---- gateways ----

  static void gatewayIcon(Svg svg, String type, boolean markerVisible, Box b, String stroke, String fill) {
    double cx = b.centerX();
    double cy = b.centerY();
    double s = (b.width() + b.height()) / 100;
    switch (type) {
      case "exclusiveGateway" -> {
        if (markerVisible) {
          cross(svg, cx, cy, 8.5 * s, true, stroke, 4.5);
        }
      }
      case "parallelGateway" -> cross(svg, cx, cy, 11 * s, false, stroke, 3.5);
      case "inclusiveGateway" -> svg.empty("circle", "cx", cx, "cy", cy, "r", 13 * s, "fill", "none",
          "stroke", stroke, "stroke-width", 2.5);
      case "complexGateway" -> {
        cross(svg, cx, cy, 11 * s, false, stroke, 3);
        cross(svg, cx, cy, 7.5 * s, true, stroke, 3);
      }
      case "eventBasedGateway" -> {
        svg.empty("circle", "cx", cx, "cy", cy, "r", 15 * s, "fill", "none", "stroke", stroke, "stroke-width", 1);
        svg.empty("circle", "cx", cx, "cy", cy, "r", 12 * s, "fill", "none", "stroke", stroke, "stroke-width", 1);
        polygon(svg, cx, cy, s * 0.9, new double[] {0, -7.5, 7, -2.5, 4.5, 6, -4.5, 6, -7, -2.5}, "none", stroke);
      }
      default -> { }
    }
  }

  private static void cross(Svg svg, double cx, double cy, double arm, boolean diagonal, String stroke, double width) {
    String d = diagonal
        ? "M " + n(cx - arm) + " " + n(cy - arm) + " L " + n(cx + arm) + " " + n(cy + arm) + " M " + n(cx + arm) + " "
            + n(cy - arm) + " L " + n(cx - arm) + " " + n(cy + arm)
        : "M " + n(cx - arm) + " " + n(cy) + " H " + n(cx + arm) + " M " + n(cx) + " " + n(cy - arm) + " V "
            + n(cy + arm);
    svg.empty("path", "d", d, "fill", "none", "stroke", stroke, "stroke-width", width, "stroke-linecap", "butt");
  }

  // ---- flows ----

  /** A closed arrowhead whose tip is the last waypoint. */
  static void arrowHead(Svg svg, List<Point> points, double length, double halfWidth, String fill, String stroke) {
    Point tip = points.get(points.size() - 1);
    double[] d = direction(points.get(before(points, points.size() - 1)), tip);
    if (d == null) {
      return;
    }
    double bx = tip.x() - d[0] * length;
    double by = tip.y() - d[1] * length;
    svg.empty("polygon", "points", Svg.points(List.of(tip, new Point(bx - d[1] * halfWidth, by + d[0] * halfWidth),
        new Point(bx + d[1] * halfWidth, by - d[0] * halfWidth))), "fill", fill, "stroke", stroke, "stroke-width", 1,
        "data-arrow", "end");
  }

  /** An open arrowhead (associations). */
  static void openArrowHead(Svg svg, List<Point> points, String stroke) {
    Point tip = points.get(points.size() - 1);
    double[] d = direction(points.get(before(points, points.size() - 1)), tip);
    if (d == null) {
      return;
    }
    double bx = tip.x() - d[0] * 10;
    double by = tip.y() - d[1] * 10;
    svg.empty("polyline", "points", Svg.points(List.of(new Point(bx - d[1] * 5, by + d[0] * 5), tip,
        new Point(bx + d[1] * 5, by - d[0] * 5))), "fill", "none", "stroke", stroke, "stroke-width", 1.5);
  }

  /** The slash across the start of a gateway's or activity's default flow. */
  static void defaultMarker(Svg svg, List<Point> points, String stroke) {
    Point start = points.get(0);
    double[] d = direction(start, points.get(after(points, 0)));
    if (d == null) {
      return;
    }
    Point from = new Point(start.x() + d[0] * 6 + d[1] * 6, start.y() + d[1] * 6 - d[0] * 6);
    Point to = new Point(start.x() + d[0] * 12 - d[1] * 6, start.y() + d[1] * 12 + d[0] * 6);
    svg.empty("line", "x1", from.x(), "y1", from.y(), "x2", to.x(), "y2", to.y(), "stroke", stroke,
        "stroke-width", 2);
  }

  /** The small diamond at the start of a conditional flow out of an activity. */
  static void conditionalMarker(Svg svg, List<Point> points, String stroke) {
    Point start = points.get(0);
    double[] d = direction(start, points.get(after(points, 0)));
    if (d == null) {
      return;
    }
    List<Point> diamond = new ArrayList<>();
    double[][] shape = {{1, 0}, {9, 4}, {17, 0}, {9, -4}};
    for (double[] p : shape) {
      diamond.add(new Point(start.x() + d[0] * p[0] - d[1] * p[1], start.y() + d[1] * p[0] + d[0] * p[1]));
    }
    svg.empty("polygon", "points", Svg.points(diamond), "fill", "#ffffff", "stroke", stroke, "stroke-width", 1.5);
  }

  /** The point at {@code fraction} of the length of a polyline. */
  static Point along(List<Point> points, double fraction) {
    double total = 0;
    for (int i = 1; i < points.size(); i++) {
      total += distance(points.get(i - 1), points.get(i));
    }
    double left = total * fraction;
    for (int i = 1; i < points.size(); i++) {
      double segment = distance(points.get(i - 1), points.get(i));
      if (segment >= left && segment > 0) {
        double t = left / segment;
        Point a = points.get(i - 1);
        Point b = points.get(i);
        return new Point(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t);
      }
      left -= segment;
    }
    return points.get(0);
  }

  static List<Point> reversed(List<Point> points) {
    List<Point> copy = new ArrayList<>(points);
    Collections.reverse(copy);
    return copy;
  }

  private static int before(List<Point> points, int index) {
    int i = index - 1;
    while (i > 0 && distance(points.get(i), points.get(index)) < 0.01) {
      i--;
    }
    return i;
  }

  private static int after(List<Point> points, int index) {
    int i = index + 1;
    while (i < points.size() - 1 && distance(points.get(i), points.get(index)) < 0.01) {
      i++;
    }
    return i;
  }

  private static double[] direction(Point from, Point to) {
    double length = distance(from, to);
    if (length < 0.01) {
      return null;
    }
    return new double[] {(to.x() - from.x()) / length, (to.y() - from.y()) / length};
  }

  private static double distance(Point a, Point b) {
    return Math.hypot(b.x() - a.x(), b.y() - a.y());
  }

  private static String n(double value) {
    return Svg.number(value);
  }
}
