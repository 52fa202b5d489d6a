package dev.demoportal.base.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * Writes a CSV export (RFC 4180, UTF-8, a header row) straight to the response as rows arrive, so
 * an export of millions of rows never sits in memory. Text that a spreadsheet would read as a
 * formula (starting with {@code = + - @}, a tab or a carriage return) is prefixed with an
 * apostrophe (OWASP's advice on CSV injection); numbers and times are written as they are.
 */
public final class CsvWriter implements Closeable {

    private final CSVPrinter printer;

    private CsvWriter(OutputStream out, String... header) throws IOException {
        this.printer = new CSVPrinter(
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024),
                CSVFormat.RFC4180.builder().setHeader(header).get());
    }

    /** The rows of a streamed export. */
    @FunctionalInterface
    public interface Rows {
        void writeTo(CsvWriter csv) throws IOException;
    }

    /**
     * Streams a download named {@code filename}: the header, then whatever {@code rows} writes.
     * Validate and authorise before calling this, and run the query inside {@code rows}. If
     * {@code rows} fails before the first bytes have left (the first 64 kB are buffered), nothing
     * was sent: the exception propagates with the response reset, and the API answers with a
     * problem. If it fails later, the exception propagates with the response committed, and the
     * server closes the connection mid-download (see {@link ApiExceptionHandler}): the client sees
     * a broken download, never a short file that looks complete.
     */
    public static void stream(HttpServletResponse response, String filename, String[] header, Rows rows)
            throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(filename, StandardCharsets.UTF_8)
                        .build()
                        .toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        CsvWriter csv = new CsvWriter(response.getOutputStream(), header);
        try {
            rows.writeTo(csv);
            csv.close();
        } catch (IOException | RuntimeException e) {
            // the writer is dropped unflushed: what it buffered never reaches the client
            if (!response.isCommitted()) {
                response.reset();
            }
            throw e;
        }
    }

    /** A writer on any stream (the UI's download handler, tests). */
    public static CsvWriter to(OutputStream out, String... header) throws IOException {
        return new CsvWriter(out, header);
    }

    public void row(Object... values) {
        List<Object> cells = new ArrayList<>(values.length);
        for (Object value : values) {
            cells.add(cell(value));
        }
        try {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
            return defused(Json.write(value));
        }
        return defused(value.toString());
    }

    private static String defused(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }

    private static final class Json {
        private static final tools.jackson.databind.json.JsonMapper MAPPER =
                tools.jackson.databind.json.JsonMapper.builder().build();

        static String write(Object value) {
            return MAPPER.writeValueAsString(value);
        }
    }
}
