package io.changeledger.command.freeze;

import io.changeledger.command.config.TimeOrderedIds;
import io.changeledger.command.config.ChangeLedgerProperties;
import io.changeledger.events.change.TimeWindow;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

@RestController
@RequestMapping(path = "/api/v1/freezes", produces = MediaType.APPLICATION_JSON_VALUE,
        consumes = MediaType.APPLICATION_JSON_VALUE)
class FreezeController {

    private final CommandGateway commands;
    private final ChangeLedgerProperties properties;
    private final Clock clock;

    FreezeController(CommandGateway commands, ChangeLedgerProperties properties, Clock clock) {
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<FreezeReference> declare(@Valid @RequestBody DeclareFreeze request) {
        String freezeId = TimeOrderedIds.next();
        commands.sendAndWait(new DeclareChangeFreezeCommand(freezeId, request.services(), request.environments(),
                request.window(), request.reason(), request.declaredBy(), at(request.occurredAt())));
        var location = UriComponentsBuilder.fromUri(properties.queryBaseUrl())
                .path("/api/v1/freezes/{id}").buildAndExpand(freezeId).toUri();
        return ResponseEntity.created(location).body(new FreezeReference(freezeId));
    }

    @PostMapping("/{id}/lift")
    FreezeReference lift(@PathVariable String id, @Valid @RequestBody LiftFreeze request) {
        commands.sendAndWait(new LiftChangeFreezeCommand(id, request.liftedBy(), request.reason(),
                at(request.occurredAt())));
        return new FreezeReference(id);
    }

    private Instant at(Instant occurredAt) {
        return occurredAt == null ? clock.instant() : occurredAt;
    }

    /** @param services empty or absent: every service; the same for environments */
    record DeclareFreeze(@Size(max = 200) Set<@NotBlank String> services,
                         @Size(max = 50) Set<@NotBlank String> environments,
                         @NotNull TimeWindow window,
                         @NotBlank @Size(max = 2000) String reason,
                         @NotBlank @Size(max = 200) String declaredBy,
                         Instant occurredAt) {
    }

    record LiftFreeze(@NotBlank @Size(max = 200) String liftedBy, @Size(max = 2000) String reason,
                      Instant occurredAt) {
    }

    record FreezeReference(String id) {
    }
}
