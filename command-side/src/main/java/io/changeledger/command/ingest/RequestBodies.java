package io.changeledger.command.ingest;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

import java.io.IOException;
import java.io.InputStream;

/** Request bodies of the ingest endpoints, read whole but never past their limits. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /** Reads at most the allowed size, whatever Content-Length claims, so an endless body costs nothing more. */
    public static byte[] read(HttpServletRequest request, DataSize maxSize) throws IOException {
        long limit = maxSize.toBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        }
    }

    /** 413 for a batch of more events than a batch may hold; nothing of it is recorded. */
    static void requireBatchOfAtMost(int maxItems, int items) {
        if (items > maxItems) {
            throw SourceAuthentication.Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Batch too large",
                    "A batch may hold at most " + maxItems + " events; this one has " + items);
        }
    }

    private static ErrorResponseException tooLarge(long limit) {
        return SourceAuthentication.Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Request too large",
                "A request may be at most " + limit + " bytes");
    }
}
