package dev.demoportal.provisioning.worker.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements and transactions (commits, rollbacks and statements run in auto-commit)
 * a worker process sends, and prints them when it stops
 * ({@value #PREFIX} line in its log). Not a bean of the worker: {@link ProvisioningBenchmark} adds
 * it to the worker processes it starts with {@code --spring.main.sources} (the package is under
 * the worker's component scan, so it carries no stereotype annotation).
 */
public class StatementCounting implements BeanPostProcessor, DisposableBean {

    static final String PREFIX = "benchmark statement count:";
    static final String SQL_PREFIX = "benchmark statement sql:";

    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong autocommits = new AtomicLong();
    private final Map<String, AtomicLong> bySql = new ConcurrentHashMap<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource) {
            return new CountingDataSource(dataSource);
        }
        return bean;
    }

    @Override
    public void destroy() {
        System.out.printf(
                "%s statements=%d transactions=%d autocommits=%d%n",
                PREFIX, statements.get(), transactions.get(), autocommits.get());
        Map<String, Long> shortened = new java.util.TreeMap<>();
        bySql.forEach((sql, count) -> shortened.merge(shortened(sql), count.get(), Long::sum));
        shortened.forEach((sql, count) -> System.out.printf("%s %d %s%n", SQL_PREFIX, count, sql));
        System.out.flush();
    }

    private final class CountingDataSource extends DelegatingDataSource {

        CountingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws java.sql.SQLException {
            return counting(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws java.sql.SQLException {
            return counting(super.getConnection(username, password));
        }
    }

    private Connection counting(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            Object result = invoke(target, method, args);
            if (method.getName().equals("commit") || method.getName().equals("rollback")) {
                transactions.incrementAndGet();
            }
            if (result instanceof Statement statement && Statement.class.isAssignableFrom(method.getReturnType())) {
                String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
                return countingStatement(connection, statement, method.getReturnType(), sql);
            }
            return result;
        });
    }

    private Object countingStatement(Connection connection, Statement statement, Class<?> type, String prepared) {
        return proxy(type, statement, (target, method, args) -> {
            if (method.getName().startsWith("execute")) {
                statements.incrementAndGet();
                String sql =
                        prepared != null ? prepared : args != null && args.length > 0 ? String.valueOf(args[0]) : "?";
                // counted by the whole text, shortened once when printed: a regex per statement
                // here cost the worker a twentieth of its CPU
                bySql.computeIfAbsent(sql, k -> new AtomicLong()).incrementAndGet();
                if (connection.getAutoCommit()) {
                    autocommits.incrementAndGet();
                    transactions.incrementAndGet();
                }
            }
            return invoke(target, method, args);
        });
    }

    /** The statement on one line, cut short: enough to tell statements apart in the profile. */
    private static String shortened(String sql) {
        String line = sql.replaceAll("\\s+", " ").strip();
        return line.length() > 110 ? line.substring(0, 110) : line;
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, Handler handler) {
        InvocationHandler invocation = (p, method, args) -> handler.handle(target, method, args);
        return (T) Proxy.newProxyInstance(StatementCounting.class.getClassLoader(), new Class<?>[] {type}, invocation);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
