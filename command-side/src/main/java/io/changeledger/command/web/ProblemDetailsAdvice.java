package io.changeledger.command.web;

import io.changeledger.command.access.AccessRuleException;
import io.changeledger.command.change.ChangeRuleException;
import io.changeledger.command.source.SourceRuleException;
import io.changeledger.events.change.ChangeKind;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Every error as RFC 9457 problem+json; bad requests name each bad field. */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    /** A hard rule of the lifecycle: the command was refused and nothing was recorded. */
    @ExceptionHandler(ChangeRuleException.class)
    ProblemDetail ruleBroken(ChangeRuleException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setTitle("Change rule violated");
        return problem;
    }

    /** A hard rule of access: the command was refused and nothing was recorded. */
    @ExceptionHandler(AccessRuleException.class)
    ProblemDetail accessRuleBroken(AccessRuleException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setTitle("Access rule violated");
        return problem;
    }

    /** A rule of the sources: registering a name twice, changing a disabled source. */
    @ExceptionHandler(SourceRuleException.class)
    ProblemDetail sourceRuleBroken(SourceRuleException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setTitle("Source rule violated");
        return problem;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail unknown(AggregateNotFoundException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "Nothing on the ledger has the id " + ex.getAggregateIdentifier());
        problem.setTitle("Not found");
        return problem;
    }

    /** The domain's own checks of a command's values, past what bean validation saw. */
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setTitle("Invalid request");
        return problem;
    }

    record FieldProblem(String field, String message) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        String detail = errors.stream().map(FieldProblem::field).distinct()
                .collect(Collectors.joining(", ", "Invalid fields: ", ""));
        return badRequest(ex, detail, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = outermostJacksonCause(ex);
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return badRequest(ex, "Unknown field: " + field,
                    List.of(new FieldProblem(field, "is not a field of this request")), headers, request);
        }
        if (cause instanceof InvalidTypeIdException unknownKind) {
            String known = Arrays.stream(ChangeKind.values()).map(Enum::name).collect(Collectors.joining(", "));
            String problemField = unknownKind.getPath().isEmpty() ? "kind" : path(unknownKind) + ".kind";
            String message = unknownKind.getTypeId() == null ? "is required; one of " + known
                    : "'" + unknownKind.getTypeId() + "' is not a kind of change; one of " + known;
            return badRequest(ex, "Invalid fields: " + problemField,
                    List.of(new FieldProblem(problemField, message)), headers, request);
        }
        if (cause instanceof ValueInstantiationException invalid && !invalid.getPath().isEmpty()) {
            // the value's own constructor refused it, and its message says why
            String field = path(invalid);
            Throwable reason = invalid.getCause() == null ? invalid : invalid.getCause();
            return badRequest(ex, "Invalid fields: " + field,
                    List.of(new FieldProblem(field, reason.getMessage())), headers, request);
        }
        if (cause instanceof DatabindException invalid && !invalid.getPath().isEmpty()) {
            String field = path(invalid);
            return badRequest(ex, "Invalid fields: " + field,
                    List.of(new FieldProblem(field, "has a value of the wrong type or format")), headers, request);
        }
        if (cause instanceof StreamReadException duplicate && duplicate.getOriginalMessage() != null
                && duplicate.getOriginalMessage().startsWith(DUPLICATE)) {
            String field = duplicate.getOriginalMessage().substring(DUPLICATE.length()).replace("\"", "");
            return badRequest(ex, "Duplicate field: " + field,
                    List.of(new FieldProblem(field, "is given more than once")), headers, request);
        }
        if (cause instanceof StreamConstraintsException) {
            return badRequest(ex, "The request body exceeds a limit of this API: its nesting depth, or the length"
                    + " of the document, a name, a number or a string", List.of(), headers, request);
        }
        String detail = cause instanceof JacksonException ? "The request body is not valid JSON"
                : "The request body is missing or unreadable";
        return badRequest(ex, detail, List.of(), headers, request);
    }

    /** How the parser starts its message when strict duplicate detection finds a field given twice. */
    private static final String DUPLICATE = "Duplicate Object property ";

    private ResponseEntity<Object> badRequest(Exception ex, String detail, List<FieldProblem> errors,
                                              HttpHeaders headers, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** The parser's own exception names the field; the root cause (say a DateTimeParseException) does not. */
    private static Throwable outermostJacksonCause(Exception ex) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException) {
                return cause;
            }
        }
        return ex;
    }

    private static String path(DatabindException ex) {
        return ex.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
