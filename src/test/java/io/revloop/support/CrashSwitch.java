package io.revloop.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Simulates the hub dying at a commit: once armed, the n-th following commit rolls back and
 * fails, as if the process had been killed just before it. Wraps the real DataSource; nothing of
 * the hub's own code is replaced.
 */
public class CrashSwitch extends DelegatingDataSource {

    private final AtomicInteger commitsLeft = new AtomicInteger(Integer.MAX_VALUE);

    public CrashSwitch(DataSource target) {
        super(target);
    }

    /** The next {@code commits} commits succeed; the one after them crashes. */
    public void crashAfter(int commits) {
        commitsLeft.set(commits);
    }

    public void disarm() {
        commitsLeft.set(Integer.MAX_VALUE);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection real = super.getConnection();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit") && !real.getAutoCommit()
                            && commitsLeft.getAndDecrement() <= 0) {
                        real.rollback();
                        commitsLeft.set(Integer.MAX_VALUE);
                        throw new SQLException("simulated crash before commit");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
