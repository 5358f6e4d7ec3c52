package io.revloop.support;

import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/** Puts a test's wrapper ({@link CrashSwitch}, {@link CommitGate}) around the hub's DataSource. */
public final class DataSourceWrapping {

    private DataSourceWrapping() {
    }

    public static <T extends DataSource> BeanPostProcessor wrapWith(Class<T> wrapper, Function<DataSource, T> wrap) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource ds && !wrapper.isInstance(bean) ? wrap.apply(ds) : bean;
            }
        };
    }
}
