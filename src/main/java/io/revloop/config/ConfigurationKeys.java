package io.revloop.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.stereotype.Component;

/**
 * Refuses configuration keys under {@code revloop.} that no setting reads, so a typo never goes
 * unnoticed: {@code revloop.base-curency} stops the hub at start with "did you mean
 * revloop.base-currency?". The keys the hub knows are the ones its {@code @ConfigurationProperties}
 * records asked for while they were bound (every record component, every map entry and list
 * element); once all beans exist, every {@code revloop.*} key of the configuration files, the
 * command line and system properties must be among them.
 *
 * <p>Environment variables are not checked: names like {@code REVLOOP_DB_URL} or
 * {@code REVLOOP_TOKEN_BI_READER} are values for placeholders, not keys. {@code revloop.test.*}
 * belongs to the test suite's own switches.
 */
@Component
public class ConfigurationKeys implements ConfigurationPropertiesBindHandlerAdvisor, SmartInitializingSingleton {

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("revloop");
    private static final ConfigurationPropertyName TEST_SWITCHES = ConfigurationPropertyName.of("revloop.test");

    private static final Pattern LIST_INDEX = Pattern.compile("\\[\\d+]");

    private final ConfigurableEnvironment environment;
    private final Set<ConfigurationPropertyName> asked = ConcurrentHashMap.newKeySet();

    public ConfigurationKeys(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public BindHandler apply(BindHandler handler) {
        return new AbstractBindHandler(handler) {
            @Override
            public <T> Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target, BindContext context) {
                if (ROOT.isAncestorOf(name)) {
                    asked.add(name);
                }
                return super.onStart(name, target, context);
            }
        };
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = new ArrayList<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable) || isEnvironmentVariables(source)) {
                continue;
            }
            iterable.stream()
                    .filter(ROOT::isAncestorOf)
                    .filter(name -> !TEST_SWITCHES.isAncestorOf(name))
                    .filter(name -> !isKnown(name))
                    .distinct()
                    .forEach(name -> problems.add(describe(name, source.getConfigurationProperty(name))));
        }
        if (!problems.isEmpty()) {
            throw new UnknownConfigurationKeysException(problems.stream().distinct().toList());
        }
    }

    /**
     * Asked for under this name, or under the same name with other list indexes: a list set on the
     * command line replaces the list of the configuration file, whose elements are then never bound.
     */
    private boolean isKnown(ConfigurationPropertyName name) {
        if (asked.contains(name)) {
            return true;
        }
        String pattern = anyIndex(name);
        return asked.stream().anyMatch(known -> anyIndex(known).equals(pattern));
    }

    private static String anyIndex(ConfigurationPropertyName name) {
        return LIST_INDEX.matcher(name.toString()).replaceAll("[*]");
    }

    private String describe(ConfigurationPropertyName name, ConfigurationProperty property) {
        String where = Optional.ofNullable(property).map(ConfigurationProperty::getOrigin).map(Origin::toString)
                .map(origin -> " (" + origin + ")").orElse("");
        return closest(name.toString())
                .map(known -> name + where + ": unknown key; did you mean " + known + "?")
                .orElse(name + where + ": unknown key; every key is listed in the README, section Configuration");
    }

    private Optional<String> closest(String key) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        return asked.stream()
                .map(ConfigurationPropertyName::toString)
                .filter(known -> !known.equals(key))
                .min(Comparator.comparingInt((String known) -> distance.apply(known, key)).thenComparing(known -> known))
                .filter(known -> distance.apply(known, key) <= Math.max(2, key.length() / 5));
    }

    private static boolean isEnvironmentVariables(ConfigurationPropertySource source) {
        return source.getUnderlyingSource() instanceof PropertySource<?> propertySource
                && StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(propertySource.getName());
    }
}
