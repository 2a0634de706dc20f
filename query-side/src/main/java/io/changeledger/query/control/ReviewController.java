package io.changeledger.query.control;

import io.changeledger.query.web.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReviewController {

    private final ReviewQueries queries;

    ReviewController(ReviewQueries queries) {
        this.queries = queries;
    }

    @GetMapping(path = "/api/v1/reviews/overdue", produces = MediaType.APPLICATION_JSON_VALUE)
    Page<OverdueReview> overdue(@RequestParam(required = false) String service,
                                @RequestParam(required = false) String environment,
                                @RequestParam(defaultValue = "0") @Min(0) int page,
                                @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return queries.handle(new FindOverdueReviewsQuery(service, environment, page, size));
    }
}
