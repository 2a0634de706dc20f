package io.changeledger.query.projection;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin command that rebuilds the read models from the ledger topics, and its progress. */
@RestController
@RequestMapping("/api/v1/admin/rebuild")
class RebuildController {

    private final ReadModelRebuild rebuild;

    RebuildController(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping
    ResponseEntity<?> handle() {
        if (!rebuild.request()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "A rebuild is already " + rebuild.progress().state().name().toLowerCase());
            problem.setTitle("Rebuild in progress");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
        return ResponseEntity.accepted().header("Location", "/api/v1/admin/rebuild").body(rebuild.progress());
    }

    @GetMapping
    ReadModelRebuild.Progress progress() {
        return rebuild.progress();
    }
}
