package io.revloop;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Warns at start when the JVM was not told to end on an {@link OutOfMemoryError}: without
 * {@code -XX:+ExitOnOutOfMemoryError} an OOM kills the thread it hits — Tomcat's acceptor, the Quartz
 * scheduler — and leaves a process that looks alive and does nothing; with it, the process ends and
 * its supervisor (systemd, Kubernetes) starts it again.
 */
@Component
public class OutOfMemoryExit {

    static final String FLAG = "-XX:+ExitOnOutOfMemoryError";
    private static final Logger log = LoggerFactory.getLogger(OutOfMemoryExit.class);

    @EventListener(ApplicationStartedEvent.class)
    public void checkJvmFlag() {
        if (!endsOnOutOfMemory(ManagementFactory.getRuntimeMXBean().getInputArguments())) {
            log.warn("the JVM runs without {}: an OutOfMemoryError would leave the hub running but deaf (no HTTP,"
                    + " no schedule); start it with java {} -jar revloop.jar", FLAG, FLAG);
        }
    }

    /** Whether the JVM arguments end the process on an OOM: Exit- or CrashOnOutOfMemoryError on, as last set. */
    static boolean endsOnOutOfMemory(List<String> jvmArguments) {
        return lastSetting(jvmArguments, "ExitOnOutOfMemoryError")
                || lastSetting(jvmArguments, "CrashOnOutOfMemoryError");
    }

    private static boolean lastSetting(List<String> jvmArguments, String flag) {
        boolean on = false;
        for (String argument : jvmArguments) {
            String option = argument.trim();
            if (option.equals("-XX:+" + flag)) {
                on = true;
            } else if (option.equals("-XX:-" + flag)) {
                on = false;
            }
        }
        return on;
    }
}
