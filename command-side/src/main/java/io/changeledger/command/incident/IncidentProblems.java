package io.changeledger.command.incident;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The incident rules as problem+json, like the change and access rules in the web package's advice; an advice
 * rather than a handler in the controller, so that any controller that takes incidents answers them the same way.
 */
@RestControllerAdvice
class IncidentProblems {

    /** A hard rule of an incident: the command was refused and nothing was recorded. */
    @ExceptionHandler(IncidentRuleException.class)
    ProblemDetail ruleBroken(IncidentRuleException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setTitle("Incident rule violated");
        return problem;
    }
}
