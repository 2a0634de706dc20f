package io.changeledger.query.access;

import io.changeledger.query.web.Problems;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Access is asked about from the change's side too: who could have touched the system while the change ran. */
@RestController
class ChangeAccessController {

    private final AccessMatrixQueries queries;

    ChangeAccessController(AccessMatrixQueries queries) {
        this.queries = queries;
    }

    @GetMapping(path = "/api/v1/changes/{id}/access", produces = MediaType.APPLICATION_JSON_VALUE)
    ChangeAccess access(@PathVariable String id) {
        return queries.handle(new FindChangeAccessQuery(id))
                .orElseThrow(() -> Problems.notFound("Change not found", "No change with id " + id));
    }
}
