package io.changeledger.command.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.changeledger.command.config.ChangeLedgerProperties;
import io.changeledger.command.source.SourceCommands.DisableSourceCommand;
import io.changeledger.command.source.SourceCommands.RotateSourceCredentialsCommand;
import io.changeledger.events.source.SourceKind;
import io.changeledger.events.source.SourceScope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * The admin API of sources. A credential is answered once, when it is issued, and only its hash or ciphertext is
 * kept; the event and the credential are stored in one transaction, so neither exists without the other.
 */
@RestController
@RequestMapping(path = "/api/v1/admin/sources", produces = MediaType.APPLICATION_JSON_VALUE)
class SourceController {

    private final CommandGateway commands;
    private final JdbcClient jdbc;
    private final TransactionOperations transaction;
    private final SourceRegistry registry;
    private final SourceProperties properties;
    private final ChangeLedgerProperties ledger;
    private final Clock clock;
    private final SourceRegistration registration;
    private final SecureRandom random = new SecureRandom();

    SourceController(CommandGateway commands, JdbcClient jdbc, TransactionOperations transaction,
                     SourceRegistry registry, SourceProperties properties, ChangeLedgerProperties ledger,
                     Clock clock, SourceRegistration registration) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.registry = registry;
        this.properties = properties;
        this.ledger = ledger;
        this.clock = clock;
        this.registration = registration;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Issued> register(@Valid @RequestBody RegisterSource request) {
        SourceScope scope = request.scope() == null ? SourceScope.ALL : request.scope().toScope();
        int rate = request.ratePerSecond() == null ? properties.defaultRatePerSecond() : request.ratePerSecond();
        String credential = credential(request.kind(), request.secret());
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            if (!registration.register(request.name(), request.kind(), scope, rate, request.description(),
                    request.registeredBy(), now, () -> store(request.name(), request.kind(), credential))) {
                throw new SourceRuleException("A source named " + request.name() + " is registered already");
            }
        });
        var location = UriComponentsBuilder.fromUri(ledger.queryBaseUrl()).path("/api/v1/sources/{name}")
                .buildAndExpand(request.name()).toUri();
        return ResponseEntity.created(location).body(Issued.of(request.name(), request.kind(), credential));
    }

    /** New credentials; the old ones stop working when this answers. */
    @PostMapping(path = "/{name}/credentials", consumes = MediaType.APPLICATION_JSON_VALUE)
    Issued rotate(@PathVariable String name, @Valid @RequestBody Rotate request) {
        SourceKind kind = kindOf(name);
        String credential = credential(kind, request.secret());
        transaction.executeWithoutResult(status -> {
            commands.sendAndWait(new RotateSourceCredentialsCommand(name, request.rotatedBy(), clock.instant()));
            store(name, kind, credential);
        });
        return Issued.of(name, kind, credential);
    }

    @PutMapping(path = "/{name}/scope", consumes = MediaType.APPLICATION_JSON_VALUE)
    SourceReference changeScope(@PathVariable String name, @Valid @RequestBody ChangeScope request) {
        SourceScope scope = request.scope() == null ? SourceScope.ALL : request.scope().toScope();
        int rate = request.ratePerSecond() == null ? properties.defaultRatePerSecond() : request.ratePerSecond();
        // an unknown source: the command finds no aggregate, which answers 404
        transaction.executeWithoutResult(status -> registration.changeScope(name, scope, rate, request.changedBy(),
                clock.instant()));
        return new SourceReference(name);
    }

    @PostMapping(path = "/{name}/disable", consumes = MediaType.APPLICATION_JSON_VALUE)
    SourceReference disable(@PathVariable String name, @Valid @RequestBody Disable request) {
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            commands.sendAndWait(new DisableSourceCommand(name, request.disabledBy(), request.reason(), now));
            jdbc.sql("update ingest_source set disabled_at = coalesce(disabled_at, ?) where name = ?")
                    .params(Timestamp.from(now), name).update();
        });
        return new SourceReference(name);
    }

    private SourceKind kindOf(String name) {
        return jdbc.sql("select kind from ingest_source where name = ?").param(name).query(String.class).optional()
                .map(SourceKind::valueOf)
                .orElseThrow(() -> new AggregateNotFoundException(name,
                        "no source " + name));
    }

    /** A given secret is kept (GitHub and Terraform let their users choose one); else a random one is issued. */
    private String credential(SourceKind kind, String given) {
        if (kind == SourceKind.KAFKA) {
            if (given != null) {
                throw new SourceRuleException("A Kafka source has no secret: Kafka's own authentication admits it");
            }
            return null;
        }
        if (given != null && kind == SourceKind.API) {
            throw new SourceRuleException("An API source's token is always issued by the ledger");
        }
        if (kind == SourceKind.GITHUB || kind == SourceKind.TERRAFORM) {
            registry.secrets().requireKey();
        }
        if (given != null) {
            return given;
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return (kind == SourceKind.API ? "clt_" : "") + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void store(String name, SourceKind kind, String credential) {
        switch (kind) {
            case API, GITLAB -> jdbc.sql("update ingest_source set token_hash = ? where name = ?")
                    .params(SourceRegistry.hash(credential), name).update();
            case GITHUB, TERRAFORM -> jdbc.sql("update ingest_source set secret_ciphertext = ? where name = ?")
                    .params(registry.secrets().seal(credential.getBytes(StandardCharsets.UTF_8)),
                            name).update();
            case KAFKA -> { }
        }
    }

    record ScopeRequest(@Size(max = 100) Set<@NotBlank @Size(max = 200) String> types,
                        @Size(max = 1000) Set<@NotBlank @Size(max = 200) String> systems) {

        SourceScope toScope() {
            return new SourceScope(types, systems);
        }
    }

    /** @param secret for GitHub, GitLab and Terraform sources, the secret configured in the tool; else issued */
    // "gaps" is the query API's list of gaps under /api/v1/sources/, so no source may be named so
    record RegisterSource(@NotBlank @Pattern(regexp = "(?!gaps$)[a-z0-9][a-z0-9._-]{0,99}",
                                  message = "must be 1-100 lower-case letters, digits, '.', '_' or '-', not 'gaps'")
                          String name,
                          @NotNull SourceKind kind,
                          @Valid ScopeRequest scope,
                          @Positive @Max(1_000_000) Integer ratePerSecond,
                          @Size(max = 500) String description,
                          @Size(min = 16, max = 200) String secret,
                          @NotBlank @Size(max = 200) String registeredBy) {
    }

    record Rotate(@Size(min = 16, max = 200) String secret, @NotBlank @Size(max = 200) String rotatedBy) {
    }

    record ChangeScope(@Valid ScopeRequest scope, @Positive @Max(1_000_000) Integer ratePerSecond,
                       @NotBlank @Size(max = 200) String changedBy) {
    }

    record Disable(@NotBlank @Size(max = 200) String disabledBy, @Size(max = 2000) String reason) {
    }

    record SourceReference(String name) {
    }

    /**
     * @param credential shown this once: the bearer token of an API source, the secret token of a GitLab webhook,
     *                   the signing secret of a GitHub or Terraform webhook; absent for a Kafka source
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Issued(String name, SourceKind kind, String credential, String use) {

        static Issued of(String name, SourceKind kind, String credential) {
            return new Issued(name, kind, credential, switch (kind) {
                case API -> "send it as 'Authorization: Bearer <credential>'";
                case GITLAB -> "enter it as the webhook's secret token (X-Gitlab-Token)";
                case GITHUB -> "enter it as the webhook's secret (X-Hub-Signature-256)";
                case TERRAFORM -> "enter it as the notification's token (X-TFE-Notification-Signature)";
                case KAFKA -> "name the source in the 'changeledger-source' header of each record";
            });
        }
    }
}
