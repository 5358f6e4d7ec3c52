package io.revloop.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Holds transaction commits for a test to look at the hub between them: while closed, every commit
 * waits at the gate until the test lets it through, so what the API shows then is exactly what the
 * commits before it left. Wraps the real DataSource; nothing of the hub's own code is replaced.
 */
public class CommitGate extends DelegatingDataSource {

    private final BlockingQueue<CountDownLatch> held = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    public CommitGate(DataSource target) {
        super(target);
    }

    /** From now on, commits wait until let through. */
    public void close() {
        closed = true;
    }

    /** Commits pass again, and those waiting go through. */
    public void open() {
        closed = false;
        for (CountDownLatch waiting = held.poll(); waiting != null; waiting = held.poll()) {
            waiting.countDown();
        }
    }

    /**
     * The next commit held at the gate, waiting up to {@code millis} for one; null if none came. Count
     * the latch down to let it through.
     */
    public CountDownLatch nextHeld(long millis) throws InterruptedException {
        return held.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection real = super.getConnection();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (closed && method.getName().equals("commit") && !real.getAutoCommit()) {
                        CountDownLatch passage = new CountDownLatch(1);
                        held.add(passage);
                        if (!passage.await(60, TimeUnit.SECONDS)) {
                            throw new SQLException("a commit was held at the gate for a minute");
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
