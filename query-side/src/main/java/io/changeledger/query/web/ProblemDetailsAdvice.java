package io.changeledger.query.web;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Every error of the query API, including bad parameters and unknown ids, as RFC 9457 problem+json. */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    /** A client that sent {@code kind=REBOOT} learns which parameter was wrong and what it may be. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        if (ex instanceof MethodArgumentTypeMismatchException mismatch && mismatch.getRequiredType() != null) {
            String name = mismatch.getName();
            Class<?> type = mismatch.getRequiredType();
            String expected = type.isEnum()
                    ? "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "))
                    : "a valid " + type.getSimpleName();
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "Invalid value '" + mismatch.getValue() + "' for parameter '" + name + "': expected " + expected);
            problem.setTitle("Invalid request");
            problem.setProperty("parameter", name);
            return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
        }
        return super.handleTypeMismatch(ex, headers, status, request);
    }
}
