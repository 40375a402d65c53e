/**
 * The BPMN process drawn as SVG on the server, from the model's diagram interchange, for pages that
 * show where a request stands (member-state portal) or how requests flow (manager heatmap) without
 * JavaScript.
 *
 * <p>{@link org.unodc.uponrequest.process.diagram.ProcessDiagram} reads a model once and draws it
 * with the {@link org.unodc.uponrequest.process.diagram.DiagramMarks} of a request. It draws what
 * Camunda Modeler draws for the project's processes: pools and lanes with their names written up
 * their band, groups, expanded and collapsed (event) sub-processes, tasks with their type icons and
 * loop markers, events with their triggers, gateways with their markers, data objects and stores,
 * text annotations, sequence and message flows and associations from their waypoints, and labels at
 * their DI bounds. It does not draw: conversations and choreographies, the message envelope on
 * message flows, ad-hoc markers, compensation markers on activities, rounded flow corners, colours
 * set in the modeler, and diagrams other than the first (drill-down diagrams of collapsed
 * sub-processes).
 */
package org.unodc.uponrequest.process.diagram;
