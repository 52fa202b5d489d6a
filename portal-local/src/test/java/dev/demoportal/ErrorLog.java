package dev.demoportal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ERROR lines the portal logs while a test runs, each with where the test was at the time.
 * Attached to the root logger as the Spring context starts (after Spring Boot has set logging up,
 * so it is not reset), which also catches errors of start-up work such as seeding demo data.
 */
public final class ErrorLog extends AppenderBase<ILoggingEvent> {

    /** An ERROR line: its logger, message, exception (and root cause) if any, and where the test was. */
    public record Line(String logger, String message, String exception, String during) {}

    private static final ErrorLog INSTANCE = new ErrorLog();

    private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();
    private volatile Supplier<String> during = () -> "start-up";

    /** Use with {@code @ContextConfiguration(initializers = ErrorLog.Capture.class)}. */
    public static final class Capture implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            INSTANCE.attach();
        }
    }

    public static ErrorLog get() {
        return INSTANCE;
    }

    /** Where the test is now, for the lines logged from here on. */
    public void during(Supplier<String> where) {
        this.during = where;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Stops capturing (other test classes in this JVM have their own expectations). */
    public void detach() {
        root().detachAppender(this);
        stop();
        lines.clear();
        during = () -> "start-up";
    }

    private void attach() {
        Logger root = root();
        if (root.getAppender(getName()) == this) {
            return;
        }
        setName("error-log");
        setContext(root.getLoggerContext());
        start();
        root.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.ERROR)) {
            return;
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        String exception = "";
        if (thrown != null) {
            IThrowableProxy root = thrown;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            exception = describe(thrown) + (root == thrown ? "" : "; root cause " + describe(root));
        }
        lines.add(new Line(event.getLoggerName(), event.getFormattedMessage(), exception, during.get()));
    }

    private static String describe(IThrowableProxy t) {
        return t.getClassName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
