package io.changeledger.query.export;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param evidenceRows     rows whose ledger entry and inclusion proof travel in the package: every row of a smaller
 *                         population, else a uniform random sample of this many
 * @param fetchSize        rows a database cursor holds at a time: the export's memory does not grow with the rows
 * @param pdfExceptionRows exceptions listed in a PDF report's table (all of them are in its CSV)
 */
@ConfigurationProperties("changeledger.exports")
record ExportProperties(@DefaultValue("1000") int evidenceRows, @DefaultValue("1000") int fetchSize,
                        @DefaultValue("200") int pdfExceptionRows) {
}
