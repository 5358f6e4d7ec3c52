package io.revloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether the JVM's arguments make an OutOfMemoryError end the process. */
class OutOfMemoryExitTest {

    @Test
    void theLastSettingOfExitOrCrashOnOutOfMemoryErrorCounts() {
        assertThat(OutOfMemoryExit.endsOnOutOfMemory(List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError"))).isTrue();
        assertThat(OutOfMemoryExit.endsOnOutOfMemory(List.of("-XX:+CrashOnOutOfMemoryError"))).isTrue();
        assertThat(OutOfMemoryExit.endsOnOutOfMemory(List.of("-Xmx512m"))).isFalse();
        assertThat(OutOfMemoryExit.endsOnOutOfMemory(List.of("-XX:+ExitOnOutOfMemoryError",
                "-XX:-ExitOnOutOfMemoryError"))).isFalse();
        assertThat(OutOfMemoryExit.endsOnOutOfMemory(List.of("-XX:+CrashOnOutOfMemoryError",
                "-XX:-ExitOnOutOfMemoryError"))).isTrue();
        assertThat(OutOfMemoryExit.endsOnOutOfMemory(List.of("-XX:+HeapDumpOnOutOfMemoryError"))).isFalse();
    }
}
