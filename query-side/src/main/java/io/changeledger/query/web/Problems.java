package io.changeledger.query.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.time.Instant;

/** The RFC 9457 problems the query API answers with besides those Spring raises for malformed parameters. */
public final class Problems {

    private Problems() {
    }

    public static ErrorResponseException badRequest(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    /** A bad value of one query parameter, named in the problem's {@code parameter} property. */
    public static ErrorResponseException badParameter(String parameter, String detail) {
        ErrorResponseException problem = badRequest(detail);
        problem.getBody().setProperty("parameter", parameter);
        return problem;
    }

    public static ErrorResponseException notFound(String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle(title);
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    /** What was asked for does not exist yet, but may later: the client can ask again. */
    public static ErrorResponseException conflict(String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle(title);
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    public static void requireOrdered(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw badRequest("'from' must be before 'to'");
        }
    }
}
