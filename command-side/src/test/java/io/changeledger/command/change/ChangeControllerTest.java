package io.changeledger.command.change;

import io.changeledger.command.config.ChangeLedgerProperties;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

// the controller's own behaviour; who may call it is the security configuration's, proven on the whole application
// by EndpointAccessMatrixIntegrationTest
@WebMvcTest(ChangeController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({ChangeControllerTest.RecordingCommandBus.class, ChangeReports.class, ChangeIntake.class})
class ChangeControllerTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Autowired
    private MockMvc mvc;

    @Autowired
    private RecordingCommandBus commands;

    @BeforeEach
    void forget() {
        commands.received.clear();
    }

    @Test
    void recordsADeploymentAndAnswersWithItsIdAndLocation() throws Exception {
        var result = mvc.perform(post("/api/v1/changes/deployments").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"service":"checkout","environment":"production","version":"1.4.2","actor":"alice",
                                 "ticket":"OPS-42","occurredAt":"2026-11-26T10:00:00Z"}"""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(matchesPattern(UUID_PATTERN)))
                .andExpect(header().string("Location",
                        matchesPattern("http://localhost:8081/api/v1/changes/" + UUID_PATTERN)))
                .andReturn();

        assertThat(commands.received).singleElement().satisfies(command -> {
            assertThat(result.getResponse().getContentAsString()).contains(command.changeId());
            assertThat(command).usingRecursiveComparison().ignoringFields("changeId").isEqualTo(
                    new RecordChangeCommand(null, new ChangeDetails.Deployment("1.4.2", null), "checkout",
                            "production", "alice", "api", null, ChangeOutcome.COMPLETED, false, null,
                            Map.of("ticket", "OPS-42"), Instant.parse("2026-11-26T10:00:00Z")));
        });
    }

    @Test
    void takesTheRecordingTimeWhenTheSourceGivesNoTime() throws Exception {
        mvc.perform(post("/api/v1/changes/deployments").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"service":"checkout","environment":"production","version":"1.4.2","actor":"alice",
                                 "sourceSystem":"jenkins","artifactDigest":"sha256:9f86d081884c7d65"}"""))
                .andExpect(status().isCreated());

        assertThat(commands.received).singleElement().satisfies(command -> {
            assertThat(command.occurredAt()).isEqualTo(NOW);
            assertThat(command.sourceSystem()).isEqualTo("jenkins");
            assertThat(command.details()).isEqualTo(new ChangeDetails.Deployment("1.4.2", "sha256:9f86d081884c7d65"));
        });
    }

    @Test
    void namesEveryMissingFieldInAProblem() throws Exception {
        mvc.perform(post("/api/v1/changes/deployments").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"service\":\"checkout\",\"environment\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.detail").value("Invalid fields: actor, environment, version"))
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("actor", "environment", "version")));

        assertThat(commands.received).isEmpty();
    }

    @Test
    void rejectsADigestThatIsNotADigest() throws Exception {
        mvc.perform(post("/api/v1/changes/deployments").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"service":"checkout","environment":"production","version":"1.4.2","actor":"alice",
                                 "artifactDigest":"latest"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("artifactDigest"))
                .andExpect(jsonPath("$.errors[0].message").value("must be a digest such as sha256:<hex>"));
    }

    @Test
    void rejectsAFieldTheRequestDoesNotHave() throws Exception {
        mvc.perform(post("/api/v1/changes/deployments").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"service":"checkout","environment":"production","version":"1.4.2","actor":"alice",
                                 "approver":"bob"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Unknown field: approver"));

        assertThat(commands.received).isEmpty();
    }

    @Test
    void rejectsAFieldGivenTwice() throws Exception {
        mvc.perform(post("/api/v1/changes/deployments").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"service":"checkout","environment":"production","version":"1.4.2","actor":"alice",
                                 "actor":"mallory"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Duplicate field: actor"));

        assertThat(commands.received).isEmpty();
    }

    @Test
    void rejectsATimeThatIsNotATime() throws Exception {
        mvc.perform(post("/api/v1/changes/deployments").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"service":"checkout","environment":"production","version":"1.4.2","actor":"alice",
                                 "occurredAt":"yesterday"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("occurredAt"));
    }

    @Test
    void rejectsABodyThatIsNotJson() throws Exception {
        mvc.perform(post("/api/v1/changes/deployments").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"service\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The request body is not valid JSON"));
    }

    @Test
    void namesTheKindsOfChangeWhenTheKindIsUnknown() throws Exception {
        mvc.perform(post("/api/v1/changes/reports").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"details":{"kind":"REBOOT"},"service":"checkout","environment":"production",
                                 "actor":"alice","outcome":"COMPLETED"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("details.kind"))
                .andExpect(jsonPath("$.errors[0].message").value(matchesPattern(
                        "'REBOOT' is not a kind of change; one of DEPLOYMENT, HOTFIX, .*REGULATORY_CHANGE")));

        assertThat(commands.received).isEmpty();
    }

    @Test
    void passesOnTheReasonADetailRefusedItsValue() throws Exception {
        mvc.perform(post("/api/v1/changes/reports").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"details":{"kind":"DATA_CLEANUP","dataset":"orders","affectedRecords":{"orders":5}},
                                 "service":"checkout","environment":"production","actor":"alice","outcome":"COMPLETED"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("details"))
                .andExpect(jsonPath("$.errors[0].message").value("classifications is required"));

        assertThat(commands.received).isEmpty();
    }

    @Test
    void takesAReportOfEveryKindOfChange() throws Exception {
        mvc.perform(post("/api/v1/changes/reports").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"details":{"kind":"RESTORE","target":"orders-db","backupId":"bk-1"},
                                 "service":"orders","environment":"production","actor":"dba","outcome":"COMPLETED",
                                 "occurredAt":"2026-11-26T10:00:00Z"}"""))
                .andExpect(status().isCreated());

        assertThat(commands.received).singleElement().satisfies(command -> assertThat(command.details())
                .isEqualTo(new ChangeDetails.Restore("orders-db", "bk-1", null, null)));
    }

    /** A real Axon command bus whose only handler remembers what it was sent. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ChangeLedgerProperties.class, ChangePolicyProperties.class})
    static class RecordingCommandBus {

        final List<RecordChangeCommand> received = new CopyOnWriteArrayList<>();

        @Bean
        CommandGateway commandGateway() {
            SimpleCommandBus bus = SimpleCommandBus.builder().build();
            bus.subscribe(RecordChangeCommand.class.getName(), message -> {
                received.add((RecordChangeCommand) message.getPayload());
                return GenericCommandResultMessage.asCommandResultMessage(null);
            });
            return DefaultCommandGateway.builder().commandBus(bus).build();
        }

        /** No planned change on the ledger, so every report becomes a change of its own. */
        @Bean
        ChangeReports.CorrelationLookup noPlannedChanges() {
            return new ChangeReports.CorrelationLookup() {
                @Override
                public Optional<String> openChangeCorrelatedBy(String correlationKey) {
                    return Optional.empty();
                }

                @Override
                public Optional<String> changeReportedSince(String correlationKey, String sourceSystem,
                                                            Instant since) {
                    return Optional.empty();
                }
            };
        }

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}
