package io.changeledger.query.report;

import io.changeledger.query.PinnedClock;
import io.changeledger.query.jdbc.Snapshot;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The report API's answers to bad parameters, over a real, empty read model. */
// the controller's own behaviour; who may call it is the security configuration's, proven on the whole application
// by EndpointAccessMatrixIntegrationTest
@WebMvcTest(ReportController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({ChangeManagementQueries.class, LogicalAccessQueries.class, DoraQueries.class, FrameworkMappings.class,
        ReportConfig.class, Snapshot.class, PinnedClock.class, ReportControllerTest.Database.class})
@ImportAutoConfiguration({ServiceConnectionAutoConfiguration.class, DataSourceAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class})
class ReportControllerTest {

    private static final String PERIOD = "from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z";

    @TestConfiguration(proxyBeanMethods = false)
    static class Database {

        @Bean
        @ServiceConnection
        PostgreSQLContainer postgres() {
            return new PostgreSQLContainer(DockerImageName.parse("postgres:17"));
        }
    }

    @Autowired
    private MockMvc mvc;

    @Test
    void refusesAReportWithoutAWholePeriod() throws Exception {
        for (String report : new String[]{"change-management", "logical-access", "dora"}) {
            problem("/" + report + "?from=2026-10-01T00:00:00Z", 400)
                    .andExpect(jsonPath("$.detail").value(containsString("to")));
            problem("/" + report + "?to=2026-10-01T00:00:00Z", 400);
            problem("/" + report + "?from=2026-11-01T00:00:00Z&to=2026-10-01T00:00:00Z", 400)
                    .andExpect(jsonPath("$.detail").value("'from' must be before 'to'"));
            problem("/" + report + "?from=last-month&to=2026-10-01T00:00:00Z", 400)
                    .andExpect(jsonPath("$.parameter").value("from"));
            problem("/" + report + "?" + PERIOD + "&asOf=yesterday", 400)
                    .andExpect(jsonPath("$.parameter").value("asOf"));
        }
    }

    @Test
    void refusesAnUnknownMappingVersionNamingTheKnownOnes() throws Exception {
        problem("/change-management?" + PERIOD + "&mappingVersion=2019.1", 400)
                .andExpect(jsonPath("$.parameter").value("mappingVersion"))
                .andExpect(jsonPath("$.detail").value(containsString("2025.1, 2026.1")));
        problem("/logical-access?" + PERIOD + "&mappingVersion=latest", 400)
                .andExpect(jsonPath("$.parameter").value("mappingVersion"));
    }

    @Test
    void refusesExceptionLimitsOutsideTheirRange() throws Exception {
        problem("/change-management?" + PERIOD + "&exceptionLimit=-1", 400);
        problem("/change-management?" + PERIOD + "&exceptionLimit=10001", 400);
        problem("/logical-access?" + PERIOD + "&exceptionLimit=all", 400)
                .andExpect(jsonPath("$.parameter").value("exceptionLimit"));
    }

    @Test
    void refusesAGranularityOtherThanWeekOrMonthAndTooManyBuckets() throws Exception {
        problem("/dora?" + PERIOD + "&granularity=day", 400)
                .andExpect(jsonPath("$.parameter").value("granularity"))
                .andExpect(jsonPath("$.detail").value(containsString("week or month")));
        problem("/dora?from=2015-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&granularity=week", 400)
                .andExpect(jsonPath("$.parameter").value("to"));
        mvc.perform(get("/api/v1/reports/dora?from=2015-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&granularity=MONTH"))
                .andExpect(status().isOk());
    }

    @Test
    void answersAnEmptyReportOverAnEmptyLedger() throws Exception {
        mvc.perform(get("/api/v1/reports/change-management?" + PERIOD + "&service=checkout&service=payments"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.summary.population").value(0))
                .andExpect(jsonPath("$.services.length()").value(2))
                .andExpect(jsonPath("$.checks.length()").value(6))
                .andExpect(jsonPath("$.checks[0].exceptions").isEmpty())
                .andExpect(jsonPath("$.mapping.version").value("2026.1"));
        mvc.perform(get("/api/v1/reports/dora?" + PERIOD + "&granularity=month"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.series").isEmpty());
    }

    private ResultActions problem(String path, int status) throws Exception {
        return mvc.perform(get("/api/v1/reports" + path))
                .andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
