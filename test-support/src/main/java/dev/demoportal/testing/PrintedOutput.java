package dev.demoportal.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What a benchmark prints on standard output, for the smoke tests that keep the benchmarks alive
 * (they run one at a tiny size and check it printed its figures). The output still reaches the
 * console as well.
 */
public final class PrintedOutput {

    private PrintedOutput() {}

    /** Work that prints. */
    @FunctionalInterface
    public interface Printing {
        void run() throws Exception;
    }

    /** Runs {@code work} and returns what it printed on {@link System#out}. */
    public static String of(Printing work) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(new Tee(original, printed), true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.out.flush();
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
