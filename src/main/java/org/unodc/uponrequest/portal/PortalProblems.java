package org.unodc.uponrequest.portal;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** The portal's API answers every refusal and bad request as problem details (application/problem+json). */
@RestControllerAdvice(assignableTypes = {StateRequestsController.class, StateActionsController.class})
class PortalProblems extends ResponseEntityExceptionHandler {}
