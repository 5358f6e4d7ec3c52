package io.revloop.sync;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The largest heap in use right after a garbage collection since the last reset: the data a run
 * really holds, as opposed to the garbage the collector lets pile up to the heap limit (summing the
 * pools' peaks would overstate it).
 */
public final class HeapWatch {

    private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();

    static {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                                .mapToLong(MemoryUsage::getUsed).sum();
                        PEAK_AFTER_GC.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
        }
    }

    private HeapWatch() {
    }

    public static void reset() {
        PEAK_AFTER_GC.set(0);
    }

    public static long peakAfterGcMegabytes() {
        return PEAK_AFTER_GC.get() / (1024 * 1024);
    }

    public static long maxHeapMegabytes() {
        return Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }
}
